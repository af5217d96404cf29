package dev.wisp.server.http2;

import java.io.IOException;
import java.io.InterruptedIOException;
import java.lang.System.Logger.Level;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.BooleanSupplier;

/**
 * The flow-control windows of one HTTP/2 connection (RFC 9113 §6.9), shared by the reader and
 * the stream threads.
 *
 * <p><b>Send.</b> The client's credit for the connection and for each stream, under one lock. A
 * stream thread takes credit for one DATA frame at a time and, when there is none, waits on that
 * lock's condition holding nothing else — not the writer, which the reader may need — until a
 * WINDOW_UPDATE or a SETTINGS change wakes it, or the write timeout passes (then the stream is
 * reset with CANCEL). A negative window after a SETTINGS change simply means waiting longer.
 *
 * <p><b>Receive.</b> The connection's receive window: DATA is charged on arrival by the reader;
 * credit is given back as the application consumes, batched per half window (see
 * {@link ReceiveWindow}). Stream windows live in each {@link StreamBody}.
 */
final class Http2Flow {
    private static final System.Logger LOG = System.getLogger("dev.wisp.server");

    private final Http2Writer writer;
    private final long writeTimeoutNanos;
    private final BooleanSupplier connectionFailed;
    private final ReentrantLock flowLock = new ReentrantLock();
    private final Condition credit = flowLock.newCondition();
    private final FlowWindow connectionSend = new FlowWindow(0, 65_535);
    private long peerInitialWindow = 65_535;
    private volatile int peerMaxFrameSize = Frame.DEFAULT_MAX_FRAME_SIZE;
    private final ReentrantLock receiveLock = new ReentrantLock();
    private final ReceiveWindow connectionReceive;

    Http2Flow(Http2Writer writer, int connectionWindow, long writeTimeoutNanos, BooleanSupplier connectionFailed) {
        this.writer = writer;
        this.writeTimeoutNanos = writeTimeoutNanos;
        this.connectionFailed = connectionFailed;
        this.connectionReceive = new ReceiveWindow(0, connectionWindow);
    }

    // ---- send flow control (RFC 9113 §6.9) ----

    /** The send window a new stream starts with: the client's SETTINGS_INITIAL_WINDOW_SIZE. */
    int newStreamWindow() {
        flowLock.lock();
        try {
            return (int) peerInitialWindow;
        } finally {
            flowLock.unlock();
        }
    }

    /**
     * Takes credit for up to {@code want} octets (and one frame) on {@code stream}, waiting for the
     * client's WINDOW_UPDATE at most the write timeout; then the stream is reset with CANCEL.
     */
    int acquireCredit(Http2Stream stream, int want) throws IOException {
        flowLock.lock();
        try {
            long deadline = System.nanoTime() + writeTimeoutNanos;
            while (true) {
                if (stream.isReset() || connectionFailed.getAsBoolean()) {
                    throw new IOException("stream reset or connection closed");
                }
                int n = Math.min(Math.min(want, peerMaxFrameSize), Math.min(connectionSend.available(), stream.send.available()));
                if (n > 0) {
                    connectionSend.consume(n);
                    stream.send.consume(n);
                    return n;
                }
                long left = deadline - System.nanoTime();
                if (left <= 0) {
                    break;
                }
                credit.awaitNanos(left);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new InterruptedIOException("interrupted while waiting for window credit");
        } finally {
            flowLock.unlock();
        }
        LOG.log(Level.DEBUG, "stream.reset reason=window_timeout stream={0}", stream.id);
        stream.reset(ErrorCode.CANCEL);
        throw new IOException("the client did not open its flow-control window in time");
    }

    void wakeCreditWaiters() {
        flowLock.lock();
        try {
            credit.signalAll();
        } finally {
            flowLock.unlock();
        }
    }

    /** A WINDOW_UPDATE from the client; {@code stream} null for the connection's. */
    void windowUpdate(Http2Stream stream, int increment) throws Http2Exception {
        flowLock.lock();
        try {
            (stream == null ? connectionSend : stream.send).increment(increment);
            credit.signalAll();
        } finally {
            flowLock.unlock();
        }
    }

    /** The client changed SETTINGS_INITIAL_WINDOW_SIZE: every open stream's window shifts (§6.9.2). */
    void peerInitialWindow(long value, Iterable<Http2Stream> streams) throws Http2Exception {
        flowLock.lock();
        try {
            for (Http2Stream s : streams) {
                s.send.adjust(peerInitialWindow, value);
            }
            peerInitialWindow = value;
            credit.signalAll();
        } finally {
            flowLock.unlock();
        }
    }

    void peerMaxFrameSize(int size) {
        peerMaxFrameSize = size;
    }

    int peerMaxFrameSizeValue() {
        return peerMaxFrameSize;
    }


    // ---- receive flow control ----

    /** Charges an arriving DATA frame to the connection window (a connection FLOW_CONTROL_ERROR past it). */
    void received(int flowControlled) throws Http2Exception {
        receiveLock.lock();
        try {
            connectionReceive.receive(flowControlled);
        } finally {
            receiveLock.unlock();
        }
    }

    /** Octets the application consumed or the server dropped: gives the connection's credit back, batched. */
    void releaseConnectionCredit(int n) {
        int increment;
        receiveLock.lock();
        try {
            increment = connectionReceive.consumed(n);
        } finally {
            receiveLock.unlock();
        }
        if (increment > 0) {
            writer.windowUpdate(0, increment);
        }
    }

    /** {@code n} octets of {@code body} consumed: stream and connection credit back, batched. */
    void consumed(StreamBody body, int n) {
        int increment = body.consumedStreamCredit(n);
        if (increment > 0) {
            writer.windowUpdate(body.streamId(), increment);
        }
        releaseConnectionCredit(n);
    }
}
