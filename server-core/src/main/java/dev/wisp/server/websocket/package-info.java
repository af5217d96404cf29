/**
 * WebSocket (RFC 6455) and permessage-deflate (RFC 7692), independent of the transport: the
 * handshake check ({@link dev.wisp.server.websocket.Handshake}), the frame codec
 * ({@link dev.wisp.server.websocket.FrameReader}, {@link dev.wisp.server.websocket.FrameWriter}),
 * message assembly with the incremental UTF-8 check, deflate, and the session
 * ({@link dev.wisp.server.websocket.Session}) that runs over an input and an output stream.
 *
 * <p>Concurrency: after the 101 the connection's virtual thread runs the application's
 * {@link dev.wisp.server.WebSocketHandler}; frames are read only inside
 * {@code WebSocketSession.receive()} (one reader at a time), so the application's pace is the
 * back-pressure. Sends from any thread are serialised by one {@code ReentrantLock} in
 * {@link dev.wisp.server.websocket.Sender}. Timeouts are driven from outside: the connection's
 * watchdog calls {@link dev.wisp.server.websocket.Session#tick(long)}, which never blocks.
 *
 * <p>Not exported: the HTTP/1.1 connection uses these classes; applications see the
 * {@code WebSocket*} types of {@code dev.wisp.server}.
 */
package dev.wisp.server.websocket;
