package dev.wisp.web;

/**
 * A slot the router fills with the matched route's pattern, for middleware that runs
 * <em>outside</em> the router and needs the pattern after the call (metrics, access logs). An
 * app's own middleware wraps its router, so it runs before any route is matched and cannot see
 * the {@link App#ROUTE_PATTERN} attribute the router sets on the request it passes inwards;
 * requests are immutable values, so the answer travels back through this slot instead:
 *
 * <pre>{@code
 * app.use(next -> request -> {
 *     MatchedRoute route = new MatchedRoute();
 *     Response response = next.handle(request.withAttribute(App.MATCHED_ROUTE, route));
 *     record(route.pattern(), response.status());    // null: no route matched (404, 405, OPTIONS *)
 *     return response;
 * });
 * }</pre>
 *
 * <p><b>Threads and lifetime.</b> One slot per request. The router writes it on the thread that
 * runs the request, before the route's handler chain runs; read it on the same thread after
 * {@code next.handle} returns. It is not safe to share between requests.
 */
public final class MatchedRoute {
    private String pattern;

    /**
     * The matched pattern, as {@link App#ROUTE_PATTERN} describes it, or {@code null} when no
     * route or mount matched (404, 405, {@code OPTIONS *}, a trailing-slash redirect).
     */
    public String pattern() {
        return pattern;
    }

    void set(String pattern) {
        this.pattern = pattern;
    }

    @Override
    public String toString() {
        return "MatchedRoute[" + pattern + "]";
    }
}
