package dev.wisp.web;

import dev.wisp.server.Handler;
import dev.wisp.server.Response;
import dev.wisp.server.WebSocketConfig;
import dev.wisp.web.sse.Sse;
import dev.wisp.web.sse.SseHandler;
import dev.wisp.web.middleware.Middleware;
import dev.wisp.web.multipart.MultipartLimits;
import dev.wisp.web.routing.RoutePattern;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.function.Consumer;

/**
 * The registration surface shared by {@link App} and {@link Group}: routes, middleware, nested
 * groups and mounts. Methods return {@code this} for chaining.
 *
 * <p><b>Patterns</b> are described in {@link RoutePattern}; precedence is literal > parameter >
 * catch-all, independent of registration order, and a route that conflicts with an earlier one
 * (same method, same shape) is rejected right here with an {@link IllegalArgumentException} naming
 * both. Within a group, patterns are relative to the group's prefix ({@code ""} is the prefix
 * itself, {@code "/"} the prefix with a trailing slash).
 *
 * <p><b>Trailing slashes</b> are significant: {@code /todos} and {@code /todos/} are different
 * paths and a route matches only the one it spells. {@link App#redirectTrailingSlash} opts in to
 * a 308 redirect from the other spelling.
 *
 * <p><b>Middleware</b> registered here wraps every route of this level, including routes
 * registered before it, in registration order: the first registered is the outermost. An app's
 * own middleware wraps its router, so it also sees 404s, 405s and OPTIONS; a group's middleware
 * wraps the routes and mounts of the group (and its subgroups), and the 405 and automatic
 * OPTIONS answers for their paths, so CORS on a group answers its preflights. All of it is folded
 * into one handler chain per route once, when the app is frozen.
 *
 * @param <S> the concrete type, for chaining
 */
public abstract sealed class Routes<S extends Routes<S>> permits App, Group {
    final String prefix;
    final Routes<?> parent;
    final List<Middleware> middleware = new ArrayList<>();
    long maxBodyBytes = -1; // -1: the enclosing level's limit, at the top the server's
    MultipartLimits multipartLimits; // null: the enclosing level's, at the top the defaults

    Routes(String prefix, Routes<?> parent) {
        this.prefix = prefix;
        this.parent = parent;
    }

    abstract App app();

    @SuppressWarnings("unchecked")
    private S self() {
        return (S) this;
    }

    public S get(String pattern, RouteHandler handler) {
        return route("GET", pattern, handler);
    }

    public S post(String pattern, RouteHandler handler) {
        return route("POST", pattern, handler);
    }

    public S put(String pattern, RouteHandler handler) {
        return route("PUT", pattern, handler);
    }

    public S patch(String pattern, RouteHandler handler) {
        return route("PATCH", pattern, handler);
    }

    public S delete(String pattern, RouteHandler handler) {
        return route("DELETE", pattern, handler);
    }

    /** An explicit HEAD route; without one, HEAD is answered by the GET route. */
    public S head(String pattern, RouteHandler handler) {
        return route("HEAD", pattern, handler);
    }

    /** An explicit OPTIONS route; without one, OPTIONS is answered with 204 and {@code Allow}. */
    public S options(String pattern, RouteHandler handler) {
        return route("OPTIONS", pattern, handler);
    }

    /** A route for any method token, e.g. {@code route("PROPFIND", "/dav/{rest...}", h)}. */
    public S route(String method, String pattern, RouteHandler handler) {
        Objects.requireNonNull(handler, "handler");
        App app = app();
        app.checkOpen();
        RoutePattern parsed = RoutePattern.parse(RoutePattern.join(prefix, pattern));
        app.register(method, parsed, new App.Target(this, app.adapt(handler)));
        return self();
    }

    /**
     * A WebSocket endpoint ({@link WebSocketConfig#defaults()}): a GET route whose handshake is
     * checked by the server (RFC 6455 §4.2), answered with 101, and then served by
     * {@code handler} on the connection's thread. It is an ordinary route: this level's
     * middleware and {@link Before} checks run first, so a refusing check answers with its
     * problem document, never a 101; headers middleware adds (a request id) go out on the 101.
     * Path parameters are in {@link WsSession#path}. A GET without a valid handshake gets 400
     * (426 for another WebSocket version, 403 for a refused origin).
     */
    public S ws(String pattern, WsHandler handler) {
        return ws(pattern, WebSocketConfig.defaults(), handler);
    }

    /** {@link #ws(String, WsHandler)} with these limits, timeouts, allowed origins and subprotocols. */
    public S ws(String pattern, WebSocketConfig config, WsHandler handler) {
        Objects.requireNonNull(handler, "handler");
        Objects.requireNonNull(config, "config");
        return get(pattern, req -> Response.webSocket(session -> handler.onSession(new RoutedWsSession(session, req)), config));
    }

    /**
     * A GET route answering a Server-Sent Events stream with the default heartbeat:
     * {@code app.sse("/clock", sink -> …)} is {@code get("/clock", req -> Sse.stream(req, handler))}.
     * The request is {@link dev.wisp.web.sse.SseSink#request()}.
     */
    public S sse(String pattern, SseHandler handler) {
        Objects.requireNonNull(handler, "handler");
        return get(pattern, req -> Sse.stream(req, handler));
    }

    /**
     * Limits request bodies of this level's routes and mounts (and its groups', unless they set
     * their own) to {@code maxBodyBytes}, e.g. 1 MiB for a JSON API and more for an upload group.
     * The server's {@code Limits.maxBodyBytes} stays the ceiling: a larger value here has no
     * effect past it. A body over the limit is refused when it is read, from its
     * {@code Content-Length} before any byte or while reading, with a 413
     * {@code application/problem+json} naming the limit ({@code "maxBodyBytes": 1048576}) and
     * {@code Connection: close}. Applies to routes registered before and after this call, and to
     * the group middleware around them; the app's own middleware runs before routing and is held
     * to the server's limit only.
     */
    public S maxBodyBytes(long maxBodyBytes) {
        if (maxBodyBytes < 0) {
            throw new IllegalArgumentException("maxBodyBytes must be >= 0, got " + maxBodyBytes);
        }
        app().checkOpen();
        this.maxBodyBytes = maxBodyBytes;
        return self();
    }

    /**
     * The bounds on {@code multipart/form-data} bodies read by this level's routes (and its
     * groups', unless they set their own) through {@code req.multipart()}, {@code form()} and
     * {@code files()}; {@link MultipartLimits#defaults()} where no level sets them.
     */
    public S multipartLimits(MultipartLimits limits) {
        Objects.requireNonNull(limits, "limits");
        app().checkOpen();
        this.multipartLimits = limits;
        return self();
    }

    /** Adds a {@code Handler -> Handler} middleware. */
    public S use(Middleware m) {
        Objects.requireNonNull(m, "middleware");
        app().checkOpen();
        middleware.add(m);
        return self();
    }

    /** Adds a check that runs before the handlers; see {@link Before}. */
    public S before(Before before) {
        Objects.requireNonNull(before, "before");
        var json = app().json();
        return use(next -> request -> {
            WebRequest web = WebRequest.of(request, json);
            try {
                before.handle(web);
            } catch (Throwable t) {
                web.release();
                throw t;
            }
            // A check that read the body (a signature, say) must not leave the route an empty stream.
            byte[] read = web.bodyIfRead();
            return web.releasing(next, read == null ? request : request.withBody(new java.io.ByteArrayInputStream(read)));
        });
    }

    /** Adds a step that runs after the handlers and may replace the response; see {@link After}. */
    public S after(After after) {
        Objects.requireNonNull(after, "after");
        var json = app().json();
        return use(next -> request -> after.handle(WebRequest.of(request, json), next.handle(request)));
    }

    /** Adds middleware written as one lambda; see {@link Around}. */
    public S around(Around around) {
        Objects.requireNonNull(around, "around");
        return use(next -> request -> around.handle(request, next));
    }

    /**
     * A group of routes under {@code prefix} (a pattern, may hold parameters; {@code ""} for
     * none) with its own middleware, configured by {@code routes}:
     * {@code app.group("/admin", admin -> admin.before(requireToken).get("/stats", ...))}.
     */
    public S group(String prefix, Consumer<Group> routes) {
        Objects.requireNonNull(routes, "routes");
        app().checkOpen();
        String full = RoutePattern.join(this.prefix, RoutePattern.checkPrefix(prefix));
        routes.accept(new Group(full, this));
        return self();
    }

    /**
     * Mounts any handler (another {@link App}, {@code StaticFiles}, a bare core handler) under a
     * prefix: it gets every method for the prefix and every path below it that no more specific
     * route here claims. It sees the path with the prefix removed ({@code /api/todos/1} →
     * {@code /todos/1}; the prefix alone → {@code /}); the removed part is appended to the base
     * path attribute {@link App#BASE_PATH} (WSGI's {@code SCRIPT_NAME}/{@code PATH_INFO} split).
     * The target and query are unchanged.
     */
    public S mount(String prefix, Handler handler) {
        Objects.requireNonNull(handler, "handler");
        App app = app();
        app.checkOpen();
        String full = RoutePattern.join(this.prefix, RoutePattern.checkPrefix(prefix));
        app.registerMount(RoutePattern.parse(full.isEmpty() ? "/" : full), new App.Target(this, handler));
        return self();
    }
}
