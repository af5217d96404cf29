package dev.wisp.server;

/**
 * The whole contract between Wisp's server and an application: a request in, a response out.
 *
 * <p>The server calls {@code handle} on the virtual thread that owns the connection, one request
 * at a time per connection, so blocking inside a handler is fine and needs no thread pool. The
 * request body stays readable until the response, including a streamed response body, has been
 * written; after that the server drains or discards what is left of it, and it must not be used.
 *
 * <p>A thrown {@link HttpProtocolException} (for example a body over the size limit) becomes its
 * status; any other exception becomes a {@code 500} with a generic body and is logged once. If the
 * response had already started when the failure happened, the connection is closed instead, so a
 * client never sees a half-valid message.
 *
 * <p>A {@link Response#webSocket} answer switches the connection to WebSocket: after the 101 the
 * same thread runs the session handler, and the request stays available as the session's
 * {@code request()} (its body is empty).
 *
 * <p>Middleware is simply a function {@code Handler -> Handler}; the core needs nothing more for it.
 */
@FunctionalInterface
public interface Handler {
    Response handle(Request request) throws Exception;
}
