package dev.wisp.metrics;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.wisp.server.Handler;
import dev.wisp.server.Response;
import dev.wisp.web.App;
import dev.wisp.web.problem.NotFoundException;
import dev.wisp.web.testing.TestRequest;
import io.micrometer.core.instrument.Timer;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.io.IOException;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** Request metrics with no socket: tags by route pattern, bounded for every kind of miss. */
@Timeout(value = 10, unit = TimeUnit.SECONDS)
class RequestMetricsTest {
    private final SimpleMeterRegistry registry = new SimpleMeterRegistry();
    private final App app = App.create()
            .use(RequestMetrics.into(registry))
            .redirectTrailingSlash(true)
            .get("/api/todos/{id}", req -> {
                if (req.pathLong("id") == 0) {
                    throw new NotFoundException("no todo 0");
                }
                return "todo";
            })
            .post("/api/todos", req -> Response.status(201))
            .get("/list/", req -> "list")
            .group("/admin", admin -> admin.get("/stats", req -> "stats"))
            .mount("/sub", App.create().get("/items/{n}", req -> "item"));

    private long count(String method, String route, String status) {
        Timer t = registry.find(RequestMetrics.NAME).tags("method", method, "route", route, "status", status).timer();
        return t == null ? 0 : t.count();
    }

    @Test
    void tagsByRoutePatternNeverTheRawPath() throws Exception {
        TestRequest.get("/api/todos/1").send(app).assertStatus(200);
        TestRequest.get("/api/todos/2").send(app).assertStatus(200);
        TestRequest.post("/api/todos").send(app).assertStatus(201);
        assertEquals(2, count("GET", "/api/todos/{id}", "200"));
        assertEquals(1, count("POST", "/api/todos", "201"));
        assertEquals(2, registry.find(RequestMetrics.NAME).timers().size());
    }

    @Test
    void groupsAndMountsReportTheirFullPattern() throws Exception {
        TestRequest.get("/admin/stats").send(app).assertStatus(200);
        TestRequest.get("/sub/items/7").send(app).assertStatus(200);
        assertEquals(1, count("GET", "/admin/stats", "200"));
        assertEquals(1, count("GET", "/sub/items/{n}", "200"));
    }

    @Test
    void missesShareOneTagValuePerKind() throws Exception {
        for (String path : new String[] {"/a", "/b/c", "/api/x", "/%41"}) {
            TestRequest.get(path).send(app).assertStatus(404);
        }
        TestRequest.delete("/api/todos/1").send(app).assertStatus(405);
        TestRequest.get("/list").send(app).assertStatus(308);
        assertEquals(4, count("GET", "NOT_FOUND", "404"));
        assertEquals(1, count("DELETE", "UNMATCHED", "405"));
        assertEquals(1, count("GET", "REDIRECTION", "308"));
        registry.find(RequestMetrics.NAME).timers().forEach(t ->
                assertFalse(t.getId().getTag("route").startsWith("/a") || t.getId().getTag("route").startsWith("/b"), t.getId().toString()));
    }

    @Test
    void aRoutesOwn404KeepsItsPattern() throws Exception {
        TestRequest.get("/api/todos/0").send(app).assertStatus(404);
        assertEquals(1, count("GET", "/api/todos/{id}", "404"));
    }

    @Test
    void unknownMethodsAreOneTagValue() throws Exception {
        TestRequest.of("FROB", "/a").send(app);
        TestRequest.of("GRAB", "/a").send(app);
        assertEquals(2, count("OTHER", "NOT_FOUND", "404"));
    }

    @Test
    void aThrowingBareHandlerIsRecordedAs500AndRethrown() {
        IOException boom = new IOException("boom");
        Handler h = RequestMetrics.into(registry).wrap(req -> {
            throw boom;
        });
        assertSame(boom, assertThrows(IOException.class, () -> h.handle(TestRequest.get("/x").build())));
        assertEquals(1, count("GET", "UNMATCHED", "500"));
    }

    @Test
    void recordsLatencyIntoTheBuckets() throws Exception {
        TestRequest.get("/api/todos/1").send(app);
        Timer t = registry.find(RequestMetrics.NAME).tag("route", "/api/todos/{id}").timer();
        assertTrue(t.totalTime(TimeUnit.NANOSECONDS) > 0);
        assertEquals(RequestMetrics.BUCKETS.length, t.takeSnapshot().histogramCounts().length);
    }

    @Test
    void tagHelpers() {
        assertEquals("GET", RequestMetrics.method("GET"));
        assertEquals("OTHER", RequestMetrics.method("get"));
        assertEquals("/x/{id}", RequestMetrics.route("/x/{id}", 500));
        assertEquals("UNMATCHED", RequestMetrics.route(null, 204));
    }
}
