package dev.wisp.bench.jmh;

import dev.wisp.server.Request;
import dev.wisp.server.Response;
import dev.wisp.web.App;
import dev.wisp.web.testing.TestRequest;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

/**
 * Dispatching one request through a framework {@link App} with 50 routes: a REST API of nine
 * resources (list, create, read, update, delete each), a nested resource, a health check and a
 * catch-all. Every route returns the same prebuilt {@link Response}, so what is measured is the
 * route lookup (the tree walk, path parameters) plus the app's own dispatch, not rendering.
 * Requests: a literal path, a one-parameter path, a two-parameter nested path, the last route
 * registered, and a miss (404, which renders a problem document).
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(1)
public class RouterBenchmark {
    static final List<String> RESOURCES = List.of(
            "users", "todos", "projects", "teams", "tags", "comments", "files", "invoices", "products");
    private static final Response OK = Response.text("ok");

    @Param({"GET /health", "GET /api/users/42", "GET /api/projects/7/tasks/99", "DELETE /api/products/5", "GET /api/nope/1"})
    public String request;

    private App app;
    private Request prebuilt;

    @Setup(Level.Trial)
    public void setUp() throws Exception {
        app = App.create();
        int routes = 0;
        app.get("/health", req -> OK);
        routes++;
        for (String r : RESOURCES) { // 9 × 5 = 45
            app.get("/api/" + r, req -> OK)
                    .post("/api/" + r, req -> OK)
                    .get("/api/" + r + "/{id}", req -> OK)
                    .put("/api/" + r + "/{id}", req -> OK)
                    .delete("/api/" + r + "/{id}", req -> OK);
            routes += 5;
        }
        app.get("/api/projects/{projectId}/tasks", req -> OK)
                .post("/api/projects/{projectId}/tasks", req -> OK)
                .get("/api/projects/{projectId}/tasks/{taskId}", req -> OK);
        routes += 3;
        app.get("/static/{path...}", req -> OK);
        routes++;
        if (routes != 50) {
            throw new IllegalStateException("expected 50 routes, registered " + routes);
        }
        app.freeze();
        String[] parts = request.split(" ", 2);
        prebuilt = TestRequest.of(parts[0], parts[1]).build();
        int expected = request.contains("nope") ? 404 : 200;
        int status = app.handle(prebuilt).status();
        if (status != expected) {
            throw new IllegalStateException(request + " answered " + status + ", expected " + expected);
        }
    }

    @Benchmark
    public Response dispatch() throws Exception {
        return app.handle(prebuilt);
    }
}
