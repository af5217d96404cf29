package dev.wisp.server.io;

import java.io.IOException;
import java.io.InputStream;
import java.net.SocketTimeoutException;
import java.util.concurrent.TimeUnit;

/**
 * The connection's read buffer. Parsers look at the bytes in place ({@link #buffer()} between
 * {@link #position()} and {@link #limit()}); every search for a line end is bounded, so a client
 * can't make the buffer grow past the configured limits.
 *
 * <p>The buffer starts small (most connections are idle keep-alives) and grows only while a long
 * line needs it; once drained it shrinks back. Before any read that may block, the
 * {@code beforeBlocking} hook runs: the connection uses it to flush buffered responses, so
 * pipelined responses go out in one write but never wait on the client.
 *
 * <p>Timeouts: either an absolute deadline (the head timeout, which a client trickling bytes can't
 * extend) or a per-read timeout (idle wait, body reads). They are not socket timeouts: a timed
 * park costs a virtual thread about as much CPU as the whole request, so each blocking read just
 * publishes its deadline in {@link #readDeadlineNanos()}, and the server's watchdog, which scans
 * connections a few times a second, calls {@link #expire()} and shuts the socket's input when it
 * passes. The blocked read then returns and fails with {@link SocketTimeoutException}. Timeouts
 * are thus enforced to within the watchdog's period. Without a watchdog (in tests) they never fire.
 */
public final class HttpInput {
    /** Returned by {@link #findLineEnd} when the line would exceed its maximum. */
    public static final int TOO_LONG = -2;
    /** Returned by {@link #findLineEnd} at end of stream. */
    public static final int EOF = -1;

    private final InputStream in;
    private final Runnable beforeBlocking;
    private final int initialSize;
    private byte[] buf;
    private int pos;
    private int lim;
    private long deadlineNanos;
    private long perReadNanos;
    private volatile long readDeadlineNanos;
    private volatile boolean expired;
    private boolean failed;

    public HttpInput(InputStream in, int initialSize, Runnable beforeBlocking) {
        this.in = in;
        this.initialSize = initialSize;
        this.buf = new byte[initialSize];
        this.beforeBlocking = beforeBlocking;
    }

    public byte[] buffer() {
        return buf;
    }

    public int position() {
        return pos;
    }

    public int limit() {
        return lim;
    }

    /** Bytes received and not yet consumed: a pipelined request waiting, for example. */
    public int buffered() {
        return lim - pos;
    }

    public void consume(int newPosition) {
        pos = newPosition;
    }

    /** Reads from now on fail once this absolute time ({@link System#nanoTime()}) has passed. */
    public void deadline(long deadlineNanos) {
        this.deadlineNanos = deadlineNanos;
    }

    /** Each read from now on may wait this long; clears any deadline. */
    public void perReadTimeout(long millis) {
        this.deadlineNanos = 0;
        this.perReadNanos = TimeUnit.MILLISECONDS.toNanos(millis);
    }

    /**
     * Whether a read from the connection failed (reset or closed by the peer): the client is gone,
     * whatever a handler made of the exception.
     */
    public boolean failed() {
        return failed;
    }

    /** When the read under way must end ({@link System#nanoTime()}), or 0 when none is blocked. */
    public long readDeadlineNanos() {
        return readDeadlineNanos;
    }

    /**
     * Marks the read under way as timed out. The caller then shuts the socket's input, which wakes
     * the read; it sees this mark and throws {@link SocketTimeoutException}.
     */
    public void expire() {
        expired = true;
    }

    /**
     * Finds the LF that ends the line starting at {@link #position()}, reading as needed.
     * Returns its index, {@link #TOO_LONG} if no LF is within {@code max} bytes, or {@link #EOF}.
     */
    public int findLineEnd(int max) throws IOException {
        int scanned = pos;
        while (true) {
            int end = Math.min(lim, pos + max);
            for (int i = scanned; i < end; i++) {
                if (buf[i] == '\n') {
                    return i;
                }
            }
            if (lim - pos >= max) {
                return TOO_LONG;
            }
            scanned = lim;
            int before = pos;
            if (fill(max) < 0) {
                return EOF;
            }
            scanned -= before - pos; // fill may have compacted the buffer
        }
    }

    /**
     * Reads more bytes after {@link #limit()}, compacting or growing the buffer so that a line of
     * up to {@code need} bytes fits. Returns the count read, or -1 at end of stream.
     */
    public int fill(int need) throws IOException {
        if (pos == lim) {
            pos = lim = 0;
            if (buf.length > initialSize) {
                buf = new byte[initialSize];
            }
        } else if (lim == buf.length) {
            if (pos > 0) {
                System.arraycopy(buf, pos, buf, 0, lim - pos);
                lim -= pos;
                pos = 0;
            }
            if (lim == buf.length) {
                byte[] bigger = new byte[Math.max(buf.length * 2, Math.min(need, buf.length * 4))];
                System.arraycopy(buf, 0, bigger, 0, lim);
                buf = bigger;
            }
        }
        int n = readSocket(buf, lim, buf.length - lim);
        if (n > 0) {
            lim += n;
        }
        return n;
    }

    /** Waits until at least one byte is buffered; false at end of stream. */
    public boolean awaitData() throws IOException {
        return lim > pos || fill(1) > 0;
    }

    /** Reads one byte, or -1 at end of stream. */
    public int read() throws IOException {
        if (pos == lim && fill(1) <= 0) {
            return -1;
        }
        return buf[pos++] & 0xff;
    }

    /**
     * Reads up to {@code len} bytes: buffered bytes first, then from the socket. A caller must never
     * ask for more than its message has left, so nothing past the message is ever consumed.
     */
    public int read(byte[] b, int off, int len) throws IOException {
        if (len == 0) {
            return 0;
        }
        if (pos == lim) {
            if (len >= buf.length) {
                return readSocket(b, off, len);
            }
            if (fill(1) <= 0) {
                return -1;
            }
        }
        int n = Math.min(len, lim - pos);
        System.arraycopy(buf, pos, b, off, n);
        pos += n;
        return n;
    }

    private int readSocket(byte[] b, int off, int len) throws IOException {
        beforeBlocking.run();
        long deadline = deadlineNanos;
        if (deadline == 0) {
            deadline = System.nanoTime() + perReadNanos;
        } else if (deadline - System.nanoTime() <= 0) {
            throw new SocketTimeoutException("deadline passed");
        }
        readDeadlineNanos = deadline | 1; // never 0 while reading
        int n;
        try {
            n = in.read(b, off, len);
        } catch (IOException e) {
            if (expired) {
                throw new SocketTimeoutException("read timed out");
            }
            failed = true;
            throw e;
        } finally {
            readDeadlineNanos = 0;
        }
        if (n < 0 && expired) {
            throw new SocketTimeoutException("read timed out");
        }
        return n;
    }
}
