package dev.wisp.web;

import dev.wisp.server.Request;
import dev.wisp.server.WebSocketMessage;
import dev.wisp.server.WebSocketSession;
import java.io.IOException;

/** A core session with the routed request: every call but the request's goes to the core session. */
final class RoutedWsSession implements WsSession {
    private final WebSocketSession session;
    private final WebRequest web;

    RoutedWsSession(WebSocketSession session, WebRequest web) {
        this.session = session;
        this.web = web;
    }

    @Override
    public WebRequest web() {
        return web;
    }

    @Override
    public Request request() {
        return web.request();
    }

    @Override
    public WebSocketMessage receive() {
        return session.receive();
    }

    @Override
    public void sendText(String text) throws IOException {
        session.sendText(text);
    }

    @Override
    public void sendBinary(byte[] bytes) throws IOException {
        session.sendBinary(bytes);
    }

    @Override
    public void ping(byte[] data) throws IOException {
        session.ping(data);
    }

    @Override
    public void close(int code, String reason) throws IOException {
        session.close(code, reason);
    }

    @Override
    public boolean isOpen() {
        return session.isOpen();
    }

    @Override
    public String subprotocol() {
        return session.subprotocol();
    }

    @Override
    public String toString() {
        return session.toString();
    }
}
