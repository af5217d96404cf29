package dev.wisp.server.http2;

import dev.wisp.server.HttpProtocolException;
import java.io.IOException;
import java.io.InputStream;
import java.util.ArrayDeque;
import java.util.Objects;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;

/**
 * A request body on HTTP/2: the connection's reader offers each DATA frame's payload, the
 * stream's handler thread reads it, blocking until bytes arrive.
 *
 * <p><b>Bounded.</b> The buffer never holds more than this endpoint's stream window: the client
 * may not send beyond the credit it was given (a FLOW_CONTROL_ERROR otherwise), and credit is only
 * given back as the handler reads (see {@link ReceiveWindow} for the batching: one WINDOW_UPDATE per
 * half window consumed, for the stream and for the connection). A handler that stops reading
 * thus stops the client, not the server's memory.
 *
 * <p><b>Checks.</b> {@code content-length} against the DATA received (RFC 9113 §8.1.1: more, or
 * fewer at END_STREAM, is a stream PROTOCOL_ERROR); the body limit: a declared length over it is
 * refused at the first read with {@link HttpProtocolException#bodyTooLarge} (413) before any byte
 * is taken, an undeclared one once the bytes received pass it. A read waits at most the read
 * timeout (then 408). A reset stream fails its reads.
 */
final class StreamBody extends InputStream {
    private final Http2Connection connection;
    private final int streamId;
    private final ReceiveWindow window;
    private final long declared;
    private final long maxBodyBytes;
    private final long readTimeoutNanos;
    private final ReentrantLock lock = new ReentrantLock();
    private final Condition readable = lock.newCondition();
    private final ArrayDeque<byte[]> chunks = new ArrayDeque<>();
    private int chunkPos;
    private long received;
    private boolean ended;
    private boolean discarded;
    private IOException failure;

    StreamBody(Http2Connection connection, int streamId, int window, long declared, long maxBodyBytes,
               long readTimeoutNanos, boolean ended) {
        this.connection = connection;
        this.streamId = streamId;
        this.window = new ReceiveWindow(streamId, window);
        this.declared = declared;
        this.maxBodyBytes = maxBodyBytes;
        this.readTimeoutNanos = readTimeoutNanos;
        this.ended = ended;
    }

    /** Reader: a DATA frame's payload; {@code flowControlled} includes its padding (§6.9.1). */
    void offer(byte[] b, int off, int len, int flowControlled, boolean endStream) throws Http2Exception {
        int release;
        lock.lock();
        try {
            window.receive(flowControlled);
            received += len;
            if (declared >= 0 && (received > declared || (endStream && received != declared))) {
                throw Http2Exception.stream(streamId, ErrorCode.PROTOCOL_ERROR, "content-length disagrees with the DATA received");
            }
            if (discarded) {
                release = flowControlled;
            } else {
                if (len > 0) {
                    byte[] copy = new byte[len];
                    System.arraycopy(b, off, copy, 0, len);
                    chunks.add(copy);
                }
                release = flowControlled - len; // padding is consumed on arrival
            }
            ended |= endStream;
            readable.signalAll();
        } finally {
            lock.unlock();
        }
        if (release > 0) {
            connection.flow.consumed(this, release);
        }
    }

    /** Reader: trailers ended the body (RFC 9113 §8.1). */
    void endByTrailers() throws Http2Exception {
        lock.lock();
        try {
            if (declared >= 0 && received != declared) {
                throw Http2Exception.stream(streamId, ErrorCode.PROTOCOL_ERROR, "content-length disagrees with the DATA received");
            }
            ended = true;
            readable.signalAll();
        } finally {
            lock.unlock();
        }
    }

    /** Any thread: the stream was reset or the connection ended; reads fail from now on. */
    void fail(IOException e) {
        lock.lock();
        try {
            if (failure == null && !ended) {
                failure = e;
            }
            readable.signalAll();
        } finally {
            lock.unlock();
        }
    }

    /** Whether the client has sent all of the body (END_STREAM). */
    boolean ended() {
        lock.lock();
        try {
            return ended;
        } finally {
            lock.unlock();
        }
    }

    /** The stream's handler is done: drops what is buffered and gives its credit back. */
    void discard() {
        int buffered = 0;
        lock.lock();
        try {
            discarded = true;
            for (byte[] c : chunks) {
                buffered += c.length;
            }
            buffered -= chunkPos;
            chunks.clear();
            chunkPos = 0;
        } finally {
            lock.unlock();
        }
        if (buffered > 0) {
            connection.flow.consumed(this, buffered);
        }
    }

    /**
     * Records {@code n} octets consumed; returns the stream WINDOW_UPDATE increment due now, or 0
     * (also once the client has ended the stream: more credit would be of no use).
     */
    int consumedStreamCredit(int n) {
        lock.lock();
        try {
            int increment = window.consumed(n);
            return ended || discarded ? 0 : increment;
        } finally {
            lock.unlock();
        }
    }

    /** Our SETTINGS_INITIAL_WINDOW_SIZE took effect at the client for this stream, opened before it did. */
    void retarget(int window) {
        lock.lock();
        try {
            this.window.retarget(window);
        } finally {
            lock.unlock();
        }
    }

    int streamId() {
        return streamId;
    }

    @Override
    public int read() throws IOException {
        byte[] one = new byte[1];
        return read(one, 0, 1) < 0 ? -1 : one[0] & 0xff;
    }

    @Override
    public int read(byte[] b, int off, int len) throws IOException {
        Objects.checkFromIndexSize(off, len, b.length);
        if (declared > maxBodyBytes) {
            throw HttpProtocolException.bodyTooLarge(maxBodyBytes);
        }
        int n;
        lock.lock();
        try {
            long deadline = System.nanoTime() + readTimeoutNanos;
            while (chunks.isEmpty()) {
                if (failure != null) {
                    throw failure;
                }
                if (ended) {
                    return -1;
                }
                long left = deadline - System.nanoTime();
                if (left <= 0) {
                    failure = new HttpProtocolException(408, "Request body not received in time", true);
                    throw failure;
                }
                try {
                    readable.awaitNanos(left);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    throw new java.io.InterruptedIOException("interrupted while reading the request body");
                }
            }
            if (received > maxBodyBytes) {
                failure = HttpProtocolException.bodyTooLarge(maxBodyBytes);
                throw failure;
            }
            if (len == 0) {
                return 0;
            }
            byte[] chunk = chunks.peek();
            n = Math.min(len, chunk.length - chunkPos);
            System.arraycopy(chunk, chunkPos, b, off, n);
            chunkPos += n;
            if (chunkPos == chunk.length) {
                chunks.poll();
                chunkPos = 0;
            }
        } finally {
            lock.unlock();
        }
        connection.flow.consumed(this, n);
        return n;
    }

    @Override
    public int available() {
        lock.lock();
        try {
            byte[] chunk = chunks.peek();
            return chunk == null ? 0 : chunk.length - chunkPos;
        } finally {
            lock.unlock();
        }
    }
}
