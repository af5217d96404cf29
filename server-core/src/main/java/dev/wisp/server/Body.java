package dev.wisp.server;

import java.nio.file.Path;
import java.util.Objects;

/**
 * What a {@link Response} carries. The server, never the handler, decides the framing: a known
 * length becomes {@code Content-Length}, a {@link Stream} becomes chunked (HTTP/1.1) or
 * close-delimited (HTTP/1.0).
 */
public sealed interface Body {

    /**
     * What {@link #length()} answers for a {@link Stream}: its length is not known until it has
     * been written, so the server frames it as chunked (HTTP/1.1) or close-delimited (HTTP/1.0).
     */
    long UNKNOWN_LENGTH = -1;

    /** No content: sent as {@code Content-Length: 0} where a length is allowed. */
    record Empty() implements Body {
    }

    /** A complete body in memory. The array is not copied: don't change it after handing it over. */
    record Bytes(byte[] bytes) implements Body {
        public Bytes {
            Objects.requireNonNull(bytes, "bytes");
        }
    }

    /** A body written on demand, of unknown length. */
    record Stream(BodyWriter writer) implements Body {
        public Stream {
            Objects.requireNonNull(writer, "writer");
        }
    }

    /**
     * {@code length} bytes of a file from {@code offset}, sent with a zero-copy transfer where the
     * platform offers one. The file is opened when the response is written; if it can't be read
     * then, the connection is closed.
     */
    record File(Path path, long offset, long length) implements Body {
        public File {
            Objects.requireNonNull(path, "path");
            if (offset < 0 || length < 0) {
                throw new IllegalArgumentException("File body needs offset >= 0 and length >= 0, got " + offset + " and " + length);
            }
        }
    }

    /**
     * Not content but a protocol switch: the response is the server's {@code 101 Switching
     * Protocols} to a WebSocket handshake (RFC 6455 §4.2.2), and after it the connection runs
     * {@code handler} under {@code config}. Allowed only with status 101, and status 101 only with
     * this body; build it with {@link Response#webSocket}. Served over HTTP/1.1 only (WebSocket
     * over HTTP/2, RFC 8441, is not supported).
     */
    record WebSocket(WebSocketHandler handler, WebSocketConfig config) implements Body {
        public WebSocket {
            Objects.requireNonNull(handler, "handler");
            Objects.requireNonNull(config, "config");
        }
    }

    /** The body's length in bytes, or {@link #UNKNOWN_LENGTH} for a stream. */
    default long length() {
        return switch (this) {
            case Empty e -> 0;
            case Bytes b -> b.bytes().length;
            case Stream s -> UNKNOWN_LENGTH;
            case File f -> f.length();
            case WebSocket w -> 0;
        };
    }
}
