package dev.wisp.web;

import dev.wisp.server.Attributes;
import dev.wisp.server.Handler;
import dev.wisp.server.PercentEncoding;
import dev.wisp.server.Request;
import dev.wisp.server.Response;
import dev.wisp.web.problem.MethodNotAllowedException;
import dev.wisp.web.problem.NotFoundException;
import dev.wisp.web.routing.PathParams;
import dev.wisp.web.routing.RouteMatch;
import dev.wisp.web.routing.RouteTree;

/**
 * Dispatches a request through the compiled route tree: found → the route's handler chain;
 * mounted → the mounted handler, seeing the path below the prefix; no method → 405 with
 * {@code Allow} (or, for OPTIONS, 204 with {@code Allow}); nothing → optionally a 308 to the
 * other trailing-slash spelling, else 404. Route parameters travel to the route as the request
 * attribute {@link App#PATH_PARAMS}, set only when there are some.
 */
final class Router implements Handler {
    private final RouteTree<App.Compiled> tree;
    private final Handler notFound;
    private final boolean redirectTrailingSlash;

    Router(RouteTree<App.Compiled> tree, Handler notFound, boolean redirectTrailingSlash) {
        this.tree = tree;
        this.notFound = notFound;
        this.redirectTrailingSlash = redirectTrailingSlash;
    }

    /**
     * The answer for a method the path has no route for, given {@code Allow} in {@link App#ALLOW}:
     * 204 with {@code Allow} for OPTIONS (RFC 9110 §9.3.7), else the app's 405 handler.
     */
    static Handler otherMethod(Handler methodNotAllowed) {
        return request -> {
            String allow = request.attribute(App.ALLOW);
            return request.method().equals("OPTIONS")
                    ? Response.status(204).withHeader("Allow", allow)
                    : withAllow(methodNotAllowed.handle(request), allow);
        };
    }

    @Override
    public Response handle(Request request) throws Exception {
        String raw = request.rawPath();
        if (raw.equals("*")) {
            // OPTIONS * asks about the server as a whole (RFC 9110 §9.3.7); the core allows only OPTIONS here.
            return Response.status(204).withHeader("Allow", tree.allowAll());
        }
        RouteMatch<App.Compiled> match = tree.find(request.method(), raw, request.path());
        // An instanceof chain rather than a pattern switch: this runs on every request, and a
        // type switch goes through an invokedynamic bootstrap that the JIT handles less well.
        if (match instanceof RouteMatch.Found<App.Compiled> f) {
            Attributes attributes = withParams(matched(request, f.pattern().text()), f.params());
            return f.value().handler().handle(copy(request, request.rawPath(), request.path(), attributes));
        }
        if (match instanceof RouteMatch.Mounted<App.Compiled> m) {
            return m.value().handler().handle(shift(request, m.prefix().text(), m.prefixEnd(), m.params()));
        }
        if (match instanceof RouteMatch.MethodNotAllowed<App.Compiled> n) {
            return n.owner().otherMethod().handle(request.withAttribute(App.ALLOW, n.allow()));
        }
        Response redirect = redirectTrailingSlash ? trailingSlashRedirect(request) : null;
        return redirect != null ? redirect : notFound.handle(request);
    }

    /**
     * The request's attributes plus the matched pattern in {@link App#ROUTE_PATTERN} (prefixed
     * with the patterns of the mounts it came through); if middleware left a slot, the pattern goes
     * there too. The router builds all the attributes it sets first and then copies the request
     * once ({@link #copy}): each {@code withAttribute} would copy the whole request.
     */
    private static Attributes matched(Request request, String pattern) {
        String mountedUnder = request.attribute(App.MOUNT_PATTERN);
        String full = mountedUnder == null ? pattern : mountedUnder + pattern;
        MatchedRoute slot = request.attribute(App.MATCHED_ROUTE);
        if (slot != null) {
            slot.set(full);
        }
        return request.attributes().with(App.ROUTE_PATTERN, full);
    }

    /** {@link App#PATH_PARAMS}, set only when there are some. */
    private static Attributes withParams(Attributes attributes, PathParams params) {
        return params.isEmpty() ? attributes : attributes.with(App.PATH_PARAMS, params);
    }

    /**
     * The request as a mounted handler sees it: pattern {@code prefix/*}, the prefix remembered
     * for a mounted app's router, and the prefix moved from the path to the base path.
     */
    private static Request shift(Request request, String prefix, int prefixEnd, PathParams params) {
        String mountedUnder = request.attribute(App.MOUNT_PATTERN);
        // A mount at the root has the pattern "/"; as a prefix of the inner patterns it is "".
        String own = prefix.equals("/") ? "" : prefix;
        String full = mountedUnder == null ? own : mountedUnder + own;
        Attributes attributes = matched(request, full + "/*").with(App.MOUNT_PATTERN, full);
        String raw = request.rawPath();
        String rest = prefixEnd >= raw.length() ? "/" : raw.substring(prefixEnd);
        // The decoded rest is the tail of the server's decoded path when the prefix had no escape
        // (it decodes to itself); otherwise the rest is decoded here, by the same decoder.
        String path = request.path();
        String decodedRest = rest.equals("/") ? "/"
                : raw.lastIndexOf('%', prefixEnd - 1) < 0 && path.startsWith(raw.substring(0, prefixEnd))
                ? path.substring(prefixEnd)
                : PercentEncoding.decodePath(rest);
        String base = request.attribute(App.BASE_PATH);
        attributes = attributes.with(App.BASE_PATH, (base == null ? "" : base) + raw.substring(0, prefixEnd));
        return copy(request, rest, decodedRest, withParams(attributes, params));
    }

    /** One copy of {@code request} under another path and attributes, everything else the same. */
    private static Request copy(Request r, String rawPath, String path, Attributes attributes) {
        return new Request(r.method(), r.target(), rawPath, path, r.query(), r.version(), r.headers(),
                r.connection(), r.body(), attributes);
    }

    private Response trailingSlashRedirect(Request request) {
        String raw = request.rawPath();
        String other = raw.endsWith("/") ? raw.substring(0, raw.length() - 1) : raw + "/";
        if (other.isEmpty() || !(tree.find(request.method(), other) instanceof RouteMatch.Found<App.Compiled>)) {
            return null;
        }
        String base = request.attribute(App.BASE_PATH);
        String location = (base == null ? "" : base) + other + (request.query().isEmpty() ? "" : "?" + request.query());
        // 308 keeps the method and body (RFC 9110 §15.4.9), so it is right for a POST as well.
        return Response.status(308).withHeader("Location", location);
    }

    private static Response withAllow(Response response, String allow) {
        return response.header("Allow") == null ? response.withHeader("Allow", allow) : response;
    }

    /** The default 404: a problem document. */
    static Response defaultNotFound(Request request) {
        return ErrorMapping.render(new NotFoundException("No resource matches this path"), request);
    }

    /** The default 405: a problem document (the router adds {@code Allow}). */
    static Response defaultMethodNotAllowed(Request request) {
        String allow = request.attribute(App.ALLOW);
        return ErrorMapping.render(new MethodNotAllowedException(allow,
                "Method " + request.method() + " is not supported here; use one of: " + allow), request);
    }
}
