package dev.wisp.server.http1;

import dev.wisp.server.io.HttpInput;

import java.io.EOFException;
import java.io.IOException;
import java.util.Objects;

/** A body of exactly {@code Content-Length} bytes (RFC 9112 §6.2). */
public final class FixedLengthInputStream extends BodyInputStream {
    private final HttpInput in;
    private long remaining;

    public FixedLengthInputStream(HttpInput in, long length) {
        this.in = in;
        this.remaining = length;
    }

    @Override
    protected int readBody(byte[] b, int off, int len) throws IOException {
        Objects.checkFromIndexSize(off, len, b.length);
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

    @Override
    public int available() {
        return (int) Math.min(remaining, in.buffered());
    }

    @Override
    public boolean isComplete() {
        return remaining == 0;
    }
}
