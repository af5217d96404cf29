package dev.wisp.server;

import java.util.Objects;

/**
 * What {@link WebSocketSession#receive()} returns: a whole text or binary message, or the end of
 * the session. Switch over it:
 * <pre>{@code
 * while (true) {
 *     switch (session.receive()) {
 *         case WebSocketMessage.Text t -> session.sendText(t.text());
 *         case WebSocketMessage.Binary b -> session.sendBinary(b.bytes());
 *         case WebSocketMessage.Close c -> { return; }
 *     }
 * }
 * }</pre>
 */
public sealed interface WebSocketMessage {

    /** A text message, checked to be valid UTF-8 (RFC 6455 §8.1). */
    record Text(String text) implements WebSocketMessage {
        public Text {
            Objects.requireNonNull(text, "text");
        }
    }

    /** A binary message. The array belongs to the receiver. */
    record Binary(byte[] bytes) implements WebSocketMessage {
        public Binary {
            Objects.requireNonNull(bytes, "bytes");
        }
    }

    /**
     * The session is over; every later {@code receive()} returns the same value. {@code code} is
     * the peer's close code (RFC 6455 §7.1.5), {@code 1005} if its Close frame had none, or what
     * ended the session locally: {@code 1006} when the connection was lost without a Close frame,
     * or the code this side sent when it failed the connection (1002 protocol error, 1007 invalid
     * UTF-8, 1009 message too big, 1001 idle timeout). Codes 1005 and 1006 are never sent.
     */
    record Close(int code, String reason) implements WebSocketMessage {
        public Close {
            Objects.requireNonNull(reason, "reason");
        }
    }
}
