package dev.wisp.web;

import dev.wisp.server.WebSocketSession;

/**
 * A WebSocket session opened through a framework route ({@link Routes#ws}): the core
 * {@link WebSocketSession} (blocking {@code receive()}, sends from any thread, {@code close}) plus
 * the upgrade request as the route saw it, with its path parameters, query and the attributes
 * middleware set (a request id, an authenticated user). {@link #request()} is that routed request
 * too. Thread rules and limits are the core session's.
 */
public interface WsSession extends WebSocketSession {

    /** The upgrade request as the route saw it. Its body is empty; headers and attributes stay valid. */
    WebRequest web();

    /** A path parameter of the route, e.g. {@code path("room")} for {@code /chat/{room}}. */
    default String path(String name) {
        return web().path(name);
    }
}
