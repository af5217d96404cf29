package dev.wisp.bench.jmh;

import java.io.InputStream;

/**
 * An endless stream of the same message, one copy after another, as a keep-alive connection
 * would deliver them. A read never spans two copies (each message arrives in its own packet), so
 * a parser reading from it sees the same buffer states on every iteration. Lets one
 * {@code HttpInput} be reused across benchmark invocations, as a connection reuses its buffer.
 */
final class RepeatingInput extends InputStream {
    private final byte[] message;
    private int pos;

    RepeatingInput(byte[] message) {
        this.message = message;
    }

    @Override
    public int read() {
        int b = message[pos] & 0xff;
        pos = (pos + 1) % message.length;
        return b;
    }

    @Override
    public int read(byte[] b, int off, int len) {
        int n = Math.min(len, message.length - pos);
        System.arraycopy(message, pos, b, off, n);
        pos = (pos + n) % message.length;
        return n;
    }
}
