package dev.wisp.server;

import java.io.IOException;

/**
 * A request the server will not serve as sent: its status, a short safe message and whether the
 * connection can still be trusted for another request.
 *
 * <p>The message is fixed text written by Wisp; it never echoes client input, so it can be sent in
 * a response body as is. Handlers see this type when reading a body that turns out to be malformed
 * or too large; letting it propagate makes the server answer with its status.
 */
public final class HttpProtocolException extends IOException {
    private final int status;
    private final boolean closeConnection;
    private final long maxBodyBytes;

    public HttpProtocolException(int status, String message, boolean closeConnection) {
        this(status, message, closeConnection, -1);
    }

    private HttpProtocolException(int status, String message, boolean closeConnection, long maxBodyBytes) {
        super(message);
        if (status < 400 || status > 599) {
            throw new IllegalArgumentException("An HttpProtocolException carries a 4xx or 5xx status, got " + status);
        }
        this.status = status;
        this.closeConnection = closeConnection;
        this.maxBodyBytes = maxBodyBytes;
    }

    /** Carries no stack trace: it describes the client's message, not a fault in the server. */
    @Override
    public Throwable fillInStackTrace() {
        return this;
    }

    /** A 400 after which the connection's framing can no longer be trusted. */
    public static HttpProtocolException badRequest(String message) {
        return new HttpProtocolException(400, message, true);
    }

    /**
     * A 413 for a body past {@code maxBodyBytes}: from its {@code Content-Length} at the first read,
     * or while reading a chunked body. Closes the connection, since the rest of the body is unread.
     * The message stays fixed text; the limit travels in {@link #maxBodyBytes()} so that a layer
     * above (the framework's problem documents) can name it.
     */
    public static HttpProtocolException bodyTooLarge(long maxBodyBytes) {
        return new HttpProtocolException(413, "Request body too large", true, maxBodyBytes);
    }

    /** The body limit a {@link #bodyTooLarge} refusal enforced, in bytes; -1 for every other error. */
    public long maxBodyBytes() {
        return maxBodyBytes;
    }

    public int status() {
        return status;
    }

    /** Whether the connection must be closed after the error response (framing is in doubt). */
    public boolean closeConnection() {
        return closeConnection;
    }
}
