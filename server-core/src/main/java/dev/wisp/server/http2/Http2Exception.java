package dev.wisp.server.http2;

import java.util.Objects;

/**
 * An HTTP/2 protocol error detected in what the peer sent (RFC 9113 §5.4): either a connection
 * error, after which the connection sends GOAWAY with {@link #code()} and closes (§5.4.1), or a
 * stream error, after which only stream {@link #streamId()} is reset with RST_STREAM (§5.4.2).
 *
 * <p>The message is fixed text written by Wisp that never echoes peer input, so it may go into a
 * GOAWAY's debug data. The exception carries no stack trace: it describes the peer's bytes, not a
 * fault in the server, and a hostile peer can make many of them cheaply.
 */
public class Http2Exception extends Exception {
    private final ErrorCode code;
    private final int streamId;
    private final boolean connectionError;

    Http2Exception(ErrorCode code, int streamId, boolean connectionError, String message) {
        super(Objects.requireNonNull(message, "message"), null, false, false);
        this.code = Objects.requireNonNull(code, "code");
        this.streamId = streamId;
        this.connectionError = connectionError;
    }

    /** A connection error (RFC 9113 §5.4.1): GOAWAY with this code, then close. */
    public static Http2Exception connection(ErrorCode code, String message) {
        return new Http2Exception(code, 0, true, message);
    }

    /** A stream error (RFC 9113 §5.4.2): RST_STREAM on {@code streamId}; the connection goes on. */
    public static Http2Exception stream(int streamId, ErrorCode code, String message) {
        if (streamId <= 0) {
            throw new IllegalArgumentException("A stream error needs a stream id > 0, got " + streamId);
        }
        return new Http2Exception(code, streamId, false, message);
    }

    public ErrorCode code() {
        return code;
    }

    /** The stream to reset; 0 for a connection error. */
    public int streamId() {
        return streamId;
    }

    public boolean isConnectionError() {
        return connectionError;
    }

    @Override
    public String toString() {
        return (connectionError ? "connection error " : "stream " + streamId + " error ") + code + ": " + getMessage();
    }
}
