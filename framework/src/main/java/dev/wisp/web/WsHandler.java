package dev.wisp.web;

/**
 * What a WebSocket route runs once the handshake succeeded, on the connection's virtual thread:
 * <pre>{@code
 * app.ws("/echo", session -> {
 *     while (session.receive() instanceof WebSocketMessage.Text t) {
 *         session.sendText(t.text());
 *     }
 * });
 * }</pre>
 * Returning closes the session with 1000; throwing closes it with 1011 and logs the exception
 * (see {@link dev.wisp.server.WebSocketHandler}).
 */
@FunctionalInterface
public interface WsHandler {
    void onSession(WsSession session) throws Exception;
}
