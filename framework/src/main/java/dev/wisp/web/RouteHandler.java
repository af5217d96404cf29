package dev.wisp.web;

/**
 * What a route runs: {@code req -> "Hello, " + req.path("name")}. The return value becomes the
 * response by the rules of {@link Result#render}: a {@code Response} as is, a {@code String} as
 * {@code text/plain; charset=utf-8}, a {@code byte[]} as {@code application/octet-stream},
 * {@code null} as 204, a {@link Result} with its status and headers, any other object as JSON.
 *
 * <p>Called on the connection's virtual thread, so blocking is fine. A thrown
 * {@code HttpException} becomes its problem document; any other exception a logged 500 (or what a
 * mapper registered with {@link App#exception} makes of it).
 */
@FunctionalInterface
public interface RouteHandler {
    Object handle(WebRequest request) throws Exception;
}
