package dev.wisp.web.routing;

/**
 * What {@link RouteTree#find} found for a method and a path.
 *
 * @param <H> the value registered with each route
 */
public sealed interface RouteMatch<H> {

    /** A route for this method and path (for HEAD, possibly the GET route). */
    record Found<H>(H value, RoutePattern pattern, PathParams params) implements RouteMatch<H> {
    }

    /**
     * A mounted handler takes this path: {@code rawPath.substring(0, prefixEnd)} is the mount's
     * base path, the rest is what the mounted handler should see ({@code ""} standing for {@code /}).
     */
    record Mounted<H>(H value, RoutePattern prefix, int prefixEnd, PathParams params) implements RouteMatch<H> {
    }

    /**
     * Routes exist for this path but not for this method; {@code allow} is the {@code Allow} value,
     * and {@code owner} one of those routes' values (the GET route's if there is one), so the
     * answer can go through the same middleware as the path's routes.
     */
    record MethodNotAllowed<H>(String allow, H owner) implements RouteMatch<H> {
    }

    /** No route matches the path. */
    record NotFound<H>() implements RouteMatch<H> {
    }
}
