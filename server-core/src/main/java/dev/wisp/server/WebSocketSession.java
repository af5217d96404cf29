package dev.wisp.server;

import java.io.IOException;

/**
 * One open WebSocket connection (RFC 6455), as its handler sees it.
 *
 * <p><b>Threads.</b> {@link #receive()} may be called by one thread at a time (others wait);
 * the send methods, {@link #ping}, {@link #close} and the accessors from any thread. Sends are
 * serialised: a message's frames are never interleaved with another's. A send blocks until the
 * whole frame has been handed to the connection, so a slow peer slows its senders (no queue).
 *
 * <p><b>Limits.</b> Incoming messages are bounded by the server's {@code maxMessageBytes} (the
 * decompressed size when permessage-deflate is in use) and frames by {@code maxFrameBytes};
 * past either the session is closed with 1009. Outgoing messages are sent as one frame each.
 *
 * <p><b>Errors.</b> Sending after the session closed, or when the connection fails, throws
 * {@link IOException}. Protocol violations by the peer never throw: they close the session with
 * the RFC's code and {@code receive()} returns the {@link WebSocketMessage.Close}.
 */
public interface WebSocketSession {

    /**
     * The next whole message, blocking until it arrives; {@link WebSocketMessage.Close} once the
     * session is over (and for every call after that). Answers pings and the close handshake
     * while it reads.
     */
    WebSocketMessage receive();

    /** Sends a text message (as UTF-8; unpaired surrogates become {@code ?}). */
    void sendText(String text) throws IOException;

    /** Sends a binary message; the array is not kept. */
    void sendBinary(byte[] bytes) throws IOException;

    /** Sends a Ping with up to 125 bytes of application data; the peer's Pong is not reported. */
    void ping(byte[] data) throws IOException;

    /**
     * Starts the close handshake (RFC 6455 §7.1.2) with a code the RFC lets an endpoint send
     * (1000–1003, 1007–1014, 3000–4999) and a reason of at most 123 UTF-8 bytes; does nothing if
     * the session is already closing. Messages that arrive afterwards are discarded; the next
     * {@code receive()} returns the peer's Close.
     *
     * @throws IllegalArgumentException for a code that may not be sent or a reason too long
     */
    void close(int code, String reason) throws IOException;

    /** {@code close(1000, "")}. */
    default void close() throws IOException {
        close(1000, "");
    }

    /** Whether messages may still be sent: no Close has been sent or received. */
    boolean isOpen();

    /** The subprotocol chosen in the handshake, or {@code null}. */
    String subprotocol();

    /** The upgrade request: path, headers, attributes (path parameters, request id). */
    Request request();
}
