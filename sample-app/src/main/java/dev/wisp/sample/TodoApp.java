package dev.wisp.sample;

import dev.wisp.server.Response;
import dev.wisp.server.WebSocketMessage;
import dev.wisp.server.WebSocketSession;
import dev.wisp.web.App;
import dev.wisp.web.Result;
import dev.wisp.web.WebRequest;
import dev.wisp.web.middleware.AccessLog;
import dev.wisp.web.middleware.Cors;
import dev.wisp.web.middleware.RequestId;
import dev.wisp.web.problem.BadRequestException;
import dev.wisp.web.problem.FieldError;
import dev.wisp.web.problem.NotFoundException;
import java.io.IOException;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import tools.jackson.databind.JsonNode;

/**
 * The sample application: a todo API under {@code /api}, a health check, and the routes the
 * benchmarks drive ({@code /plaintext}, {@code /json}, {@code /echo}, {@code /ws/echo}).
 *
 * <p>The API group has request ids, an access log and CORS (any origin, the API's methods,
 * {@code Content-Type}, preflights cached 10 minutes); the benchmark routes have none of them, so
 * they measure the router and the JSON helper alone.
 */
public final class TodoApp {
    static final int DEFAULT_LIMIT = 20;
    static final int MAX_LIMIT = 100;

    /** The body of {@code GET /json}. */
    public record Message(String message) {
    }

    /** One page of todos: the items and the paging that produced them. */
    public record TodoPage(List<Todo> items, long total, int limit, int offset) {
    }

    private final TodoStore store;

    private TodoApp(TodoStore store) {
        this.store = store;
    }

    public static App create(TodoStore store) {
        TodoApp todos = new TodoApp(store);
        Cors cors = Cors.builder()
                .allowAnyOrigin()
                .allowMethods("GET", "HEAD", "POST", "PUT", "PATCH", "DELETE")
                .allowHeaders("Content-Type", RequestId.HEADER)
                .exposeHeaders("Location", RequestId.HEADER)
                .maxAge(Duration.ofMinutes(10))
                .build();
        return App.create()
                .get("/plaintext", req -> "Hello, World!")
                .get("/json", req -> new Message("Hello, World!"))
                .post("/echo", TodoApp::echo)
                .ws("/ws/echo", TodoApp::echoMessages)
                .get("/health", req -> Map.of("status", "UP"))
                .group("/api", api -> api
                        .use(RequestId.create())
                        .use(AccessLog.toStdout())
                        .use(cors)
                        .get("/todos", todos::list)
                        .post("/todos", todos::create)
                        .get("/todos/{id}", todos::find)
                        .put("/todos/{id}", todos::replace)
                        .patch("/todos/{id}", todos::merge)
                        .delete("/todos/{id}", todos::delete));
    }

    /** Every text and binary message sent back unchanged, until the client closes. */
    private static void echoMessages(WebSocketSession session) throws IOException {
        while (true) {
            switch (session.receive()) {
                case WebSocketMessage.Text t -> session.sendText(t.text());
                case WebSocketMessage.Binary b -> session.sendBinary(b.bytes());
                case WebSocketMessage.Close c -> {
                    return;
                }
            }
        }
    }

    /** The request body, streamed back as it arrives, with the request's content type. */
    private static Response echo(WebRequest req) {
        String type = req.header("Content-Type");
        return Response.stream(type == null ? "application/octet-stream" : type,
                out -> req.request().body().transferTo(out));
    }

    private TodoPage list(WebRequest req) {
        int limit = req.queryInt("limit", DEFAULT_LIMIT);
        if (limit < 1 || limit > MAX_LIMIT) {
            throw new BadRequestException("Invalid paging",
                    List.of(FieldError.parameter("limit", "must be from 1 to " + MAX_LIMIT + ", was " + limit)));
        }
        int offset = req.queryInt("offset", 0);
        if (offset < 0) {
            throw new BadRequestException("Invalid paging",
                    List.of(FieldError.parameter("offset", "must not be negative, was " + offset)));
        }
        Boolean completed = req.query("completed") == null ? null : req.queryBoolean("completed", false);
        TodoStore.Page page = store.list(completed, limit, offset);
        return new TodoPage(page.items(), page.total(), limit, offset);
    }

    private Result create(WebRequest req) throws Exception {
        TodoInput input = TodoInput.full(req.json(JsonNode.class));
        Todo todo = store.create(input.title(), Boolean.TRUE.equals(input.completed()));
        return Result.created("/api/todos/" + todo.id(), todo);
    }

    private Todo find(WebRequest req) {
        long id = req.pathLong("id");
        return store.find(id).orElseThrow(() -> notFound(id));
    }

    private Todo replace(WebRequest req) throws Exception {
        long id = req.pathLong("id");
        TodoInput input = TodoInput.full(req.json(JsonNode.class));
        return store.update(id, old -> new Todo(id, input.title(), Boolean.TRUE.equals(input.completed())))
                .orElseThrow(() -> notFound(id));
    }

    private Todo merge(WebRequest req) throws Exception {
        long id = req.pathLong("id");
        TodoInput input = TodoInput.partial(req.json(JsonNode.class));
        return store.update(id, old -> new Todo(id,
                        input.title() != null ? input.title() : old.title(),
                        input.completed() != null ? input.completed() : old.completed()))
                .orElseThrow(() -> notFound(id));
    }

    private Object delete(WebRequest req) {
        long id = req.pathLong("id");
        if (!store.delete(id)) {
            throw notFound(id);
        }
        return null; // 204
    }

    private static NotFoundException notFound(long id) {
        return new NotFoundException("No todo with id " + id);
    }
}
