package dev.wisp.web;

import dev.wisp.server.AttributeKey;
import dev.wisp.server.Handler;
import dev.wisp.server.Request;
import dev.wisp.server.Response;
import dev.wisp.web.json.Json;
import dev.wisp.web.middleware.Middleware;
import dev.wisp.web.multipart.MultipartLimits;
import dev.wisp.web.problem.ExceptionMapper;
import dev.wisp.web.routing.PathParams;
import dev.wisp.web.routing.RoutePattern;
import dev.wisp.web.routing.RouteTree;
import dev.wisp.web.routing.RouteTreeBuilder;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * A web application that is itself a {@link Handler}: routes, groups, mounts, middleware and
 * error mapping, so {@code Server.start(config, app)} runs it, any core middleware can wrap it,
 * and it can be mounted inside another app.
 *
 * <pre>{@code
 * var app = App.create()
 *     .use(AccessLog.toStdout())
 *     .get("/hello/{name}", req -> "Hello, " + req.path("name"))
 *     .get("/todos/{id}", req -> todos.find(req.pathLong("id")))        // Optional → JSON or 404
 *     .post("/todos", req -> {
 *         Todo todo = todos.add(req.json(NewTodo.class));
 *         return Result.created("/todos/" + todo.id(), todo);
 *     })
 *     .group("/admin", admin -> admin.before(requireToken).get("/stats", req -> stats()));
 * Server.start(ServerConfig.defaults().withPort(8080), app);
 * }</pre>
 *
 * <p><b>Lifecycle.</b> Register everything on one thread, then serve. The first {@link #handle}
 * (or {@link #freeze()}) compiles the app once: the route tree is frozen and every route's
 * middleware is folded into one handler, so a request walks no lists. After that the app is
 * immutable and safe for concurrent use, and registering more throws
 * {@link IllegalStateException}. Route conflicts are reported at registration.
 *
 * <p><b>Errors</b> thrown anywhere (routes, middleware, {@link Before}/{@link After}) are mapped
 * to responses at the layer where they happen, so outer middleware always sees a response: an
 * {@code HttpException} becomes its RFC 9457 problem document, a type with a mapper registered
 * through {@link #exception} becomes what the mapper says, and anything else a generic 500
 * problem, logged once ({@code app.error}, logger {@code dev.wisp.web}) without reaching the
 * client. 404 and 405 are problem documents unless replaced with {@link #notFound} and
 * {@link #methodNotAllowed}.
 *
 * <p>See {@link Routes} for patterns, precedence, trailing slashes and middleware order, and
 * {@link Result#render} for how return values become responses.
 */
public final class App extends Routes<App> implements Handler {
    /** The raw path prefix an app is mounted under (WSGI's {@code SCRIPT_NAME}); absent at the top. */
    public static final AttributeKey<String> BASE_PATH = AttributeKey.of("wisp.basePath");
    /** The matched route's path parameters; absent when it has none. */
    public static final AttributeKey<PathParams> PATH_PARAMS = AttributeKey.of("wisp.pathParams");
    /**
     * The matched route's pattern as registered, from the top app's root, e.g.
     * {@code /api/todos/{id}}: a bounded label for metrics and logs, never the raw path. Set by
     * the router on the request it passes to the route's handler chain, so group middleware,
     * {@link Before}/{@link After} steps and handlers see it; an app's own middleware runs before
     * matching and reads it through {@link #MATCHED_ROUTE} instead. A request that reaches a mount
     * carries the mount's prefix followed by {@code /*} ({@code /assets/*}); when the mounted
     * handler is an {@code App}, its router replaces that with the prefix followed by its own
     * pattern ({@code /api} + {@code /todos/{id}}).
     */
    public static final AttributeKey<String> ROUTE_PATTERN = AttributeKey.of("wisp.routePattern");
    /**
     * Optional: a {@link MatchedRoute} slot put on the request by middleware outside the router;
     * the router (and those of mounted apps) writes the matched pattern into it.
     */
    public static final AttributeKey<MatchedRoute> MATCHED_ROUTE = AttributeKey.of("wisp.matchedRoute");
    /** The route-pattern prefix of the mounts a request went through; internal to the routers. */
    static final AttributeKey<String> MOUNT_PATTERN = AttributeKey.of("wisp.mountPattern");
    /** For a custom 405 handler: the {@code Allow} value of the path. */
    public static final AttributeKey<String> ALLOW = AttributeKey.of("wisp.allow");

    /** A registered route or mount: where it was registered (for its middleware) and its handler. */
    record Target(Routes<?> level, Handler handler) {
    }

    /**
     * A route compiled with its middleware: {@code handler} serves the route; {@code otherMethod}
     * answers a method the path doesn't have (405, or 204 for OPTIONS) inside the same middleware.
     */
    record Compiled(Handler handler, Handler otherMethod) {
    }

    private final Json json;
    private final RouteTreeBuilder<Target> routes = new RouteTreeBuilder<>();
    private final Map<Class<?>, ExceptionMapper<?>> mappers = new LinkedHashMap<>();
    private Handler notFound = Router::defaultNotFound;
    private Handler methodNotAllowed = Router::defaultMethodNotAllowed;
    private boolean redirectTrailingSlash;
    private volatile Handler compiled;

    private App(Json json) {
        super("", null);
        this.json = json;
    }

    /** An app with the default JSON configuration ({@link Json#create()}). */
    public static App create() {
        return new App(Json.create());
    }

    /** An app that reads and writes JSON with {@code json}. */
    public static App create(Json json) {
        return new App(Objects.requireNonNull(json, "json"));
    }

    @Override
    App app() {
        return this;
    }

    public Json json() {
        return json;
    }

    /**
     * Maps exceptions of {@code type} (and subclasses without a closer mapper) to a response;
     * replaces an earlier mapper for the same type. See {@link ExceptionMapper}.
     */
    public <E extends Throwable> App exception(Class<E> type, ExceptionMapper<? super E> mapper) {
        checkOpen();
        mappers.put(Objects.requireNonNull(type, "type"), Objects.requireNonNull(mapper, "mapper"));
        return this;
    }

    /**
     * Replaces the 404 answer. The return value is converted as usual; if that gives a 2xx status
     * (a {@code String}, an object), the status becomes 404.
     */
    public App notFound(RouteHandler handler) {
        checkOpen();
        this.notFound = withStatus(adapt(handler), 404);
        return this;
    }

    /**
     * Replaces the 405 answer; the {@code Allow} value is in the attribute {@link #ALLOW} and is
     * added to the response if the handler doesn't set it. The return value is converted as
     * usual; if that gives a 2xx status, the status becomes 405.
     */
    public App methodNotAllowed(RouteHandler handler) {
        checkOpen();
        this.methodNotAllowed = withStatus(adapt(handler), 405);
        return this;
    }

    /**
     * When no route matches but the path with (or without) a trailing slash would match a route
     * for the method, answer 308 Permanent Redirect to that spelling instead of 404. Off by
     * default: paths match exactly.
     */
    public App redirectTrailingSlash(boolean redirect) {
        checkOpen();
        this.redirectTrailingSlash = redirect;
        return this;
    }

    /** Compiles the app now (it happens on the first request otherwise); idempotent. */
    public App freeze() {
        compiledHandler();
        return this;
    }

    @Override
    public Response handle(Request request) throws Exception {
        Handler h = compiled;
        if (h == null) {
            h = compiledHandler();
        }
        return h.handle(request);
    }

    private synchronized Handler compiledHandler() {
        if (compiled == null) {
            ErrorMapping errors = new ErrorMapping(mappers);
            Handler otherMethod = Router.otherMethod(errors.guard(methodNotAllowed));
            Map<Routes<?>, Handler> otherMethodByLevel = new java.util.HashMap<>();
            RouteTree<Compiled> tree = routes.build(target -> {
                List<Middleware> chain = chain(target.level());
                // The path's 405 and automatic OPTIONS answers go through the same group
                // middleware as its routes, so a group's CORS sees its preflights.
                Handler other = otherMethodByLevel.computeIfAbsent(target.level(), level -> fold(errors, chain, otherMethod));
                Handler route = fold(errors, chain, target.handler());
                MultipartLimits uploads = multipartLimits(target.level());
                if (uploads != null) {
                    Handler inner = route;
                    route = request -> inner.handle(request.withAttribute(WebRequest.MULTIPART_LIMITS, uploads));
                }
                long limit = maxBodyBytes(target.level());
                // Outside the group's middleware, so a before() that reads the body is held to it too.
                return new Compiled(limit < 0 ? route : errors.guard(BodyLimit.wrap(route, limit)), other);
            });
            Handler router = new Router(tree, errors.guard(notFound), redirectTrailingSlash);
            compiled = errors.guard(fold(errors, middleware, router));
        }
        return compiled;
    }

    /** The body limit of the nearest level that sets one, or -1 (the server's). */
    private static long maxBodyBytes(Routes<?> level) {
        for (Routes<?> r = level; r != null; r = r.parent) {
            if (r.maxBodyBytes >= 0) {
                return r.maxBodyBytes;
            }
        }
        return -1;
    }

    /** The multipart limits of the nearest level that sets them, or {@code null} (the defaults). */
    private static MultipartLimits multipartLimits(Routes<?> level) {
        for (Routes<?> r = level; r != null; r = r.parent) {
            if (r.multipartLimits != null) {
                return r.multipartLimits;
            }
        }
        return null;
    }

    /** The middleware of the groups between the app and {@code level}, outermost first. */
    private static List<Middleware> chain(Routes<?> level) {
        Deque<Middleware> chain = new ArrayDeque<>();
        for (Routes<?> r = level; r != null && !(r instanceof App); r = r.parent) {
            List<Middleware> own = r.middleware;
            for (int i = own.size() - 1; i >= 0; i--) {
                chain.addFirst(own.get(i));
            }
        }
        return List.copyOf(chain);
    }

    /**
     * Folds middleware around {@code inner}, first registered outermost, each layer guarded. With
     * no middleware the handler is returned unguarded: the guard around the router catches for it,
     * and nothing in between could observe the difference.
     */
    private static Handler fold(ErrorMapping errors, List<Middleware> middleware, Handler inner) {
        if (middleware.isEmpty()) {
            return inner;
        }
        Handler h = errors.guard(inner);
        for (int i = middleware.size() - 1; i >= 0; i--) {
            h = errors.guard(Objects.requireNonNull(middleware.get(i).wrap(h), "middleware returned a null handler"));
        }
        return h;
    }

    void checkOpen() {
        if (compiled != null) {
            throw new IllegalStateException("This app is already handling requests: register routes, middleware and mappers before the first request (or before freeze())");
        }
    }

    void register(String method, RoutePattern pattern, Target target) {
        routes.add(method, pattern, target);
    }

    void registerMount(RoutePattern prefix, Target target) {
        routes.mount(prefix, target);
    }

    /** A route handler as a core handler: the request wrapped, the result converted. */
    Handler adapt(RouteHandler handler) {
        Json json = this.json;
        return request -> {
            WebRequest web = WebRequest.of(request, json);
            Response response;
            try {
                response = Result.render(handler.handle(web), json);
            } catch (Throwable t) {
                web.release(); // uploads go even when the handler fails
                throw t;
            }
            return web.releaseAfter(response);
        };
    }

    private Handler withStatus(Handler handler, int status) {
        return request -> {
            Response r = handler.handle(request);
            return r.status() >= 200 && r.status() < 300 ? r.withStatus(status) : r;
        };
    }
}
