package dev.wisp.sample;

import dev.wisp.server.Handler;
import dev.wisp.server.Headers;
import dev.wisp.server.Response;
import dev.wisp.validation.Validated;
import dev.wisp.server.WebSocketMessage;
import dev.wisp.server.WebSocketSession;
import dev.wisp.web.App;
import dev.wisp.web.Result;
import dev.wisp.web.WebRequest;
import dev.wisp.web.middleware.AccessLog;
import dev.wisp.web.middleware.Compression;
import dev.wisp.web.middleware.Conditional;
import dev.wisp.web.middleware.Cors;
import dev.wisp.web.middleware.ETag;
import dev.wisp.web.middleware.Middleware;
import dev.wisp.web.middleware.RequestId;
import dev.wisp.web.problem.BadRequestException;
import dev.wisp.web.problem.FieldError;
import dev.wisp.web.problem.HttpException;
import dev.wisp.web.problem.NotFoundException;
import dev.wisp.web.problem.Problem;
import java.io.IOException;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.LongFunction;
import java.util.function.UnaryOperator;
import tools.jackson.databind.JsonNode;

/**
 * The sample application: a todo API under {@code /api} (todos with versions and entity tags, an
 * event stream, attachments), a health check, and the routes the benchmarks drive
 * ({@code /plaintext}, {@code /json}, {@code /echo}, {@code /ws/echo}).
 *
 * <p>The API group has request ids, an access log, CORS (any origin, the API's methods and
 * headers, preflights cached 10 minutes) and a 64 KiB body limit (the attachment routes have
 * their own, {@link ApiSettings}). Everything but the benchmark routes is gzip-compressed when the
 * client accepts it ({@link Compression}: JSON, text and the like, from 1 KiB); the benchmark
 * routes have no middleware at all, so they measure the router and the JSON helper alone.
 *
 * <p><b>Conditional requests</b> (RFC 9110 §13): every todo answer carries {@code ETag: "<version>"};
 * {@code GET} with a matching {@code If-None-Match} is a 304; {@code PUT}, {@code PATCH} and
 * {@code DELETE} with {@code If-Match} (or {@code If-None-Match}) are performed only if it holds for
 * the todo as it is when the write commits, else 412 ({@link #conditionally}).
 */
public final class TodoApp {
    static final int DEFAULT_LIMIT = 20;
    static final int MAX_LIMIT = 100;
    /** The JSON API's body limit: a todo is well under 1 KiB. */
    public static final long JSON_BODY_BYTES = 64 * 1024;
    /** Conditional writes retried at most this often when other writes keep winning; then 503. */
    static final int MAX_ATTEMPTS = 8;

    /** The body of {@code GET /json}. */
    public record Message(String message) {
    }

    /** One page of todos: the items and the paging that produced them. */
    public record TodoPage(List<Todo> items, long total, int limit, int offset) {
    }

    private final TodoStore store;
    private final Validated validated;

    private TodoApp(TodoStore store, Validated validated) {
        this.store = store;
        this.validated = validated;
    }

    /** The app with {@link ApiSettings#defaults()}. */
    public static App create(TodoStore store) {
        return create(store, ApiSettings.defaults());
    }

    /**
     * The app on {@code store}. Serve it with a server config passed through
     * {@link ApiSettings#applyTo}, so the server's body limit admits the largest upload.
     */
    public static App create(TodoStore store, ApiSettings settings) {
        App app = App.create();
        TodoApp todos = new TodoApp(store, Validated.using(app.json()));
        EventStream events = new EventStream(store, settings);
        AttachmentRoutes attachments = new AttachmentRoutes(store);
        Cors cors = Cors.builder()
                .allowAnyOrigin()
                .allowMethods("GET", "HEAD", "POST", "PUT", "PATCH", "DELETE")
                .allowHeaders("Content-Type", RequestId.HEADER, "If-Match", "If-None-Match", EventStream.LAST_EVENT_ID)
                .exposeHeaders("Location", "ETag", "Content-Disposition", RequestId.HEADER)
                .maxAge(Duration.ofMinutes(10))
                .build();
        return app
                .use(compressionExceptBenchmarks())
                // Every pooled connection busy for the pool's whole wait, or the database away:
                // temporary, so 503 and a hint to retry (RFC 9110 §15.6.4, §10.2.3).
                .exception(StoreUnavailableException.class, (e, req) -> Problem.of(503,
                                "The database is busy or unreachable; try again shortly")
                        .withInstance(Problem.instanceOf(req)).toResponse().withHeader("Retry-After", "1"))
                .get("/plaintext", req -> "Hello, World!")
                .get("/json", req -> new Message("Hello, World!"))
                .post("/echo", TodoApp::echo)
                .ws("/ws/echo", TodoApp::echoMessages)
                .get("/health", req -> Map.of("status", "UP"))
                .group("/api", api -> api
                        .use(RequestId.create())
                        .use(AccessLog.toStdout())
                        .use(cors)
                        .maxBodyBytes(JSON_BODY_BYTES)
                        .get("/todos", todos::list)
                        .post("/todos", todos::create)
                        .get("/todos/events", events::open)
                        .get("/todos/{id}", todos::find)
                        .put("/todos/{id}", todos::replace)
                        .patch("/todos/{id}", todos::merge)
                        .delete("/todos/{id}", todos::delete)
                        .group("/todos/{id}/attachments", files -> attachments.register(files, settings)));
    }

    /**
     * {@link Compression} for every response but the benchmark routes'. As app middleware it also
     * covers what is mounted later (static assets); the benchmark routes skip it by path, one
     * string switch, so they stay comparable with servers that compress nothing.
     */
    static Middleware compressionExceptBenchmarks() {
        Compression gzip = Compression.create();
        return next -> {
            Handler compressed = gzip.wrap(next);
            return request -> switch (request.path()) {
                case "/plaintext", "/json", "/echo" -> next.handle(request);
                default -> compressed.handle(request);
            };
        };
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
        TodoInput input = TodoInput.full(req.json(JsonNode.class), validated);
        Todo todo = store.create(input.title(), Boolean.TRUE.equals(input.completed()));
        return Result.created("/api/todos/" + todo.id(), todo).withHeader("ETag", etag(todo).toString());
    }

    /** The todo, or a 304 when {@code If-None-Match} names its version (a 412 when {@code If-Match} doesn't). */
    private Object find(WebRequest req) {
        long id = req.pathLong("id");
        Todo todo = store.find(id).orElseThrow(() -> notFound(id));
        Optional<Response> notModified = Conditional.check(req.request(), etag(todo));
        return notModified.isPresent() ? notModified.get() : tagged(todo);
    }

    private Result replace(WebRequest req) throws Exception {
        long id = req.pathLong("id");
        TodoInput input = TodoInput.full(req.json(JsonNode.class), validated);
        return tagged(update(req, id, old -> old.with(input.title(), Boolean.TRUE.equals(input.completed()))));
    }

    private Result merge(WebRequest req) throws Exception {
        long id = req.pathLong("id");
        TodoInput input = TodoInput.partial(req.json(JsonNode.class), validated);
        return tagged(update(req, id, old -> old.with(
                input.title() != null ? input.title() : old.title(),
                input.completed() != null ? input.completed() : old.completed())));
    }

    private Object delete(WebRequest req) {
        long id = req.pathLong("id");
        if (hasPreconditions(req)) {
            conditionally(req, id, version -> store.delete(id, version));
        } else if (!store.delete(id)) {
            throw notFound(id);
        }
        return null; // 204
    }

    private Todo update(WebRequest req, long id, UnaryOperator<Todo> change) {
        if (hasPreconditions(req)) {
            return conditionally(req, id, version -> store.update(id, version, change));
        }
        return store.update(id, change).orElseThrow(() -> notFound(id));
    }

    /**
     * A write under the request's preconditions with no lost update: evaluate them
     * ({@link Conditional#check}, RFC 9110 §13.2.2) against the todo as read, then write only if
     * it is still at that version. If another write committed in between, evaluate again against
     * the todo it left: a stale {@code If-Match} is then a 412, as it would have been had the
     * request come a moment later. Of two racing writes with the same {@code If-Match}, exactly
     * one wins. A missing todo is a 404 before any precondition (§13.2.1).
     */
    private Todo conditionally(WebRequest req, long id, LongFunction<TodoStore.Outcome> write) {
        Todo current = store.find(id).orElseThrow(() -> notFound(id));
        for (int attempt = 1; ; attempt++) {
            Conditional.check(req.request(), etag(current)); // 412 when a precondition fails
            switch (write.apply(current.version())) {
                case TodoStore.Outcome.Done done -> {
                    return done.todo();
                }
                case TodoStore.Outcome.NotFound gone -> throw notFound(id);
                case TodoStore.Outcome.Conflict conflict -> {
                    if (attempt == MAX_ATTEMPTS) {
                        throw new HttpException(503, "The todo changed " + MAX_ATTEMPTS
                                + " times while this request was applied; retry", Headers.of("Retry-After", "1"), List.of(), null);
                    }
                    current = conflict.current();
                }
            }
        }
    }

    /** {@code If-Match} or {@code If-None-Match}; the todos have no date, so the date fields never apply. */
    private static boolean hasPreconditions(WebRequest req) {
        return req.header("If-Match") != null || req.header("If-None-Match") != null;
    }

    /** 200 with the todo and its version as a strong entity tag (RFC 9110 §8.8.3). */
    static Result tagged(Todo todo) {
        return Result.ok(todo).withHeader("ETag", etag(todo).toString());
    }

    /** {@code "<version>"}: the version changes with every update, so it identifies the representation. */
    static ETag etag(Todo todo) {
        return ETag.of(todo.version());
    }

    static NotFoundException notFound(long id) {
        return new NotFoundException("No todo with id " + id);
    }
}
