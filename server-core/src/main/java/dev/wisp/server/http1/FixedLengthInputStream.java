package dev.wisp.server.http1;

import dev.wisp.server.HttpProtocolException;
import dev.wisp.server.io.HttpInput;
import java.io.EOFException;
import java.io.IOException;
import java.util.Objects;

/**
 * A body of exactly {@code Content-Length} bytes (RFC 9112 §6.2). A length over the body limit is
 * refused at the first read, before any byte (or a {@code 100 Continue}) is exchanged: the read
 * throws {@link HttpProtocolException#bodyTooLarge}, and the connection closes after the response
 * since the body was never consumed. A handler that never reads such a body answers as it likes.
 */
public final class FixedLengthInputStream extends BodyInputStream {
    private final HttpInput in;
    private long maxBodyBytes; // lifted by drain()
    private long remaining;

    /** A body with no limit beyond its length. */
    public FixedLengthInputStream(HttpInput in, long length) {
        this(in, length, Long.MAX_VALUE);
    }

    public FixedLengthInputStream(HttpInput in, long length, long maxBodyBytes) {
        this.in = in;
        this.remaining = length;
        this.maxBodyBytes = maxBodyBytes;
    }

    @Override
    protected int readBody(byte[] b, int off, int len) throws IOException {
        Objects.checkFromIndexSize(off, len, b.length);
        if (remaining > maxBodyBytes) {
            // Before beforeRead(): no 100 Continue invites a body that will be refused (RFC 9110 §10.1.1).
            throw HttpProtocolException.bodyTooLarge(maxBodyBytes);
        }
        beforeRead();
        if (remaining == 0) {
            return -1;
        }
        if (len == 0) {
            return 0;
        }
        int n = in.read(b, off, (int) Math.min(len, remaining));
        if (n < 0) {
            throw new EOFException("Connection closed before the body's Content-Length was received");
        }
        remaining -= n;
        return n;
    }

    /**
     * Discarding is not accepting: an unread body over the limit but within the drain allowance is
     * read and dropped like any other, so the connection survives a handler that ignored it.
     */
    @Override
    public boolean drain(long max) throws IOException {
        maxBodyBytes = Long.MAX_VALUE;
        return super.drain(max);
    }

    @Override
    public int available() {
        return (int) Math.min(remaining, in.buffered());
    }

    @Override
    public boolean isComplete() {
        return remaining == 0;
    }
}
