package dev.wisp.server;

/**
 * Runs one WebSocket session after the handshake:
 * {@code session -> { while (session.receive() instanceof WebSocketMessage.Text t) session.sendText(t.text()); }}.
 *
 * <p>Called once, on the connection's virtual thread, which is also the thread that reads the
 * peer's frames: frames are read only inside {@link WebSocketSession#receive()}, so a handler
 * that stops receiving stops reading (TCP back-pressure on the peer), and pings are answered and
 * the peer's Close is seen only while some thread is in {@code receive()}. A handler that only
 * sends can send from another thread and keep this one in a receive loop.
 *
 * <p>When it returns, the session is closed with 1000 unless already closed; when it throws,
 * with 1011 (internal error), and the exception is logged. Either way the server then finishes
 * the close handshake (bounded by the close timeout) and closes the connection.
 */
@FunctionalInterface
public interface WebSocketHandler {
    void onSession(WebSocketSession session) throws Exception;
}
