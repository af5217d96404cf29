package dev.wisp.server.io;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;

/**
 * The connection's write buffer. A response head and a small body are gathered here and leave in
 * one write; larger bodies go out with one gathering write next to the buffered head, and files
 * with a zero-copy transfer. Nothing is sent until {@link #flush()}, which the connection calls
 * only when no pipelined request is waiting (or before it blocks on a read).
 *
 * <p>A streamed response's head may be <em>held</em> ({@link #holdFrom}): it stays in the buffer
 * while the handler reads the request body, so a handler that fails before writing anything can
 * still get an honest error status instead of a 200 cut short. It leaves with the first body bytes
 * that don't fit or with an explicit {@link #flush()}.
 *
 * <p>Every blocking write is timed: {@link #writeStartedNanos()} is non-zero while one is under
 * way, and the server's watchdog closes the channel when it takes longer than the write timeout,
 * so a client that stops reading can't hold a thread forever.
 */
public final class HttpOutput {
    private static final long TRANSFER_PIECE = 64 * 1024;
    private final Transport transport;
    private final ByteBuffer[] one = new ByteBuffer[1];
    private final ByteBuffer[] two = new ByteBuffer[2];
    private byte[] buf;
    private int len;
    private volatile long writeStartedNanos;
    private long sent;
    private long heldFrom = -1;
    private boolean failed;

    public HttpOutput(Transport transport, int size) {
        this.transport = transport;
        this.buf = new byte[size];
    }

    public long writeStartedNanos() {
        return writeStartedNanos;
    }

    public int buffered() {
        return len;
    }

    /** Bytes handed to the channel so far; unchanged means nothing since has left the buffer. */
    public long sent() {
        return sent;
    }

    /**
     * Whether a write to the connection failed: the client reset it or stopped reading (and the
     * watchdog closed it). Tells those apart from a handler's body writer failing on its own.
     */
    public boolean failed() {
        return failed;
    }

    /** Bytes written so far, sent or buffered: a mark to {@link #truncate} to or compare with {@link #sent()}. */
    public long position() {
        return sent + len;
    }

    /** Whether any byte at or after {@code mark} has left the buffer. */
    public boolean sentSince(long mark) {
        return sent > mark;
    }

    /** Drops what was written after {@code mark}: undoes a response none of which has been sent. */
    public void truncate(long mark) {
        if (mark < sent || mark > sent + len) {
            throw new IllegalStateException("truncate to a mark that has been sent or not written");
        }
        len = (int) (mark - sent);
    }

    /** Keeps bytes from {@code mark} on in the buffer across {@link #flushBeforeHold()}. */
    public void holdFrom(long mark) {
        heldFrom = mark;
    }

    public void release() {
        heldFrom = -1;
    }

    /**
     * Sends what is buffered before the held region (earlier pipelined responses), or everything
     * when nothing is held: what the connection does before it blocks on a read.
     */
    public void flushBeforeHold() throws IOException {
        if (heldFrom < 0) {
            flush();
            return;
        }
        int n = (int) Math.max(0, Math.min(len, heldFrom - sent));
        if (n > 0) {
            writeFully(ByteBuffer.wrap(buf, 0, n));
            System.arraycopy(buf, n, buf, 0, len - n);
            len -= n;
        }
    }

    public void write(int b) throws IOException {
        if (len == buf.length) {
            flush();
        }
        buf[len++] = (byte) b;
    }

    public void write(byte[] b) throws IOException {
        write(b, 0, b.length);
    }

    public void write(byte[] b, int off, int n) throws IOException {
        if (n <= buf.length - len) {
            System.arraycopy(b, off, buf, len, n);
            len += n;
        } else if (len == 0) {
            writeFully(ByteBuffer.wrap(b, off, n));
        } else {
            // Send what is buffered and the data in one gathering write, without copying the data.
            writeFully(ByteBuffer.wrap(buf, 0, len), ByteBuffer.wrap(b, off, n));
            len = 0;
        }
    }

    /** Writes Latin-1 text (header names and values have been checked to be Latin-1). */
    @SuppressWarnings("deprecation")
    public void writeAscii(String s) throws IOException {
        int n = s.length();
        if (n > buf.length - len) {
            flush();
            if (n > buf.length) {
                byte[] bytes = new byte[n];
                s.getBytes(0, n, bytes, 0);
                write(bytes, 0, n);
                return;
            }
        }
        s.getBytes(0, n, buf, len); // the Latin-1 fast path: one byte per char, no encoder
        len += n;
    }

    /** Writes a non-negative number in decimal. */
    public void writeDecimal(long v) throws IOException {
        if (buf.length - len < 20) {
            flush();
        }
        if (v == 0) {
            buf[len++] = '0';
            return;
        }
        int digits = 0;
        for (long t = v; t > 0; t /= 10) {
            digits++;
        }
        for (int i = len + digits - 1; i >= len; i--) {
            buf[i] = (byte) ('0' + v % 10);
            v /= 10;
        }
        len += digits;
    }

    /** Writes a non-negative number in hex, for chunk sizes. */
    public void writeHex(long v) throws IOException {
        if (buf.length - len < 17) {
            flush();
        }
        int digits = Math.max(1, (64 - Long.numberOfLeadingZeros(v) + 3) / 4);
        for (int i = digits - 1; i >= 0; i--) {
            buf[len++] = (byte) "0123456789abcdef".charAt((int) (v >>> (4 * i)) & 0xf);
        }
    }

    public void writeCrlf() throws IOException {
        if (buf.length - len < 2) {
            flush();
        }
        buf[len++] = '\r';
        buf[len++] = '\n';
    }

    /**
     * Sends a region of a file after what is buffered, by zero-copy transfer where possible.
     *
     * <p>Under a virtual thread the socket is non-blocking, and {@code transferTo} may return 0 when
     * the client's receive window is full instead of waiting. Looping on it would spin a carrier
     * thread until the write timeout, so a 0 instead sends the next piece through a plain write,
     * which parks until the socket is writable, and then tries zero-copy again.
     */
    public void transferFrom(FileChannel file, long offset, long count) throws IOException {
        flush();
        long end = offset + count;
        long position = offset;
        ByteBuffer fallback = null;
        while (position < end) {
            long n;
            writeStartedNanos = System.nanoTime() | 1;
            try {
                // Bounded pieces: one call may park until all it was given is sent, and the write
                // timeout must see progress between pieces, not one long "write" to a slow reader.
                n = transport.transferFrom(file, position, Math.min(end - position, TRANSFER_PIECE));
            } catch (IOException e) {
                failed = true; // almost always the socket: a local file rarely fails mid-read
                throw e;
            } finally {
                writeStartedNanos = 0;
            }
            if (n > 0) {
                position += n;
                sent += n;
                continue;
            }
            if (fallback == null) {
                fallback = ByteBuffer.allocate((int) Math.min(64 * 1024, end - position));
            }
            fallback.clear().limit((int) Math.min(fallback.capacity(), end - position));
            int read = file.read(fallback, position);
            if (read <= 0) {
                throw new IOException("File shrank while being sent");
            }
            fallback.flip();
            writeFully(fallback);
            position += read;
        }
    }

    public void flush() throws IOException {
        if (len > 0) {
            writeFully(ByteBuffer.wrap(buf, 0, len));
            len = 0;
        }
    }

    private void writeFully(ByteBuffer first) throws IOException {
        one[0] = first;
        try {
            writeFully(one);
        } finally {
            one[0] = null;
        }
    }

    private void writeFully(ByteBuffer first, ByteBuffer second) throws IOException {
        two[0] = first;
        two[1] = second;
        try {
            writeFully(two);
        } finally {
            two[0] = two[1] = null;
        }
    }

    private void writeFully(ByteBuffer[] buffers) throws IOException {
        writeStartedNanos = System.nanoTime() | 1; // never 0 while writing
        for (ByteBuffer b : buffers) {
            sent += b.remaining();
        }
        try {
            ByteBuffer last = buffers[buffers.length - 1];
            do {
                // A blocking write returns only once all it was given is sent. In slices, each
                // return shows progress to the watchdog: the write timeout is for a client that
                // stopped reading, not for a large body that takes a while.
                int limit = last.limit();
                last.limit((int) Math.min(limit, last.position() + TRANSFER_PIECE));
                try {
                    transport.write(buffers);
                } finally {
                    last.limit(limit);
                }
                writeStartedNanos = System.nanoTime() | 1;
            } while (last.hasRemaining());
        } catch (IOException e) {
            failed = true;
            throw e;
        } finally {
            writeStartedNanos = 0;
        }
    }
}
