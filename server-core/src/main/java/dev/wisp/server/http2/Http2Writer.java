package dev.wisp.server.http2;

import dev.wisp.server.io.Transport;
import java.io.IOException;
import java.io.InterruptedIOException;
import java.nio.ByteBuffer;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;

/**
 * The one writer of an HTTP/2 connection. Any thread queues frames: under one lock they are
 * encoded (HPACK included, so header blocks leave in the order their encoder state assumes) into
 * the pending buffer. The writer's own virtual thread swaps that buffer out and writes it to the
 * socket; whatever was queued meanwhile goes in the next write, so frames are gathered and the
 * socket is written ("flushed") exactly when nothing else is queued.
 *
 * <p><b>Back-pressure.</b> DATA and HEADERS wait while more than {@value #HIGH_WATER} bytes are
 * pending. Control frames (SETTINGS ACK, PING ACK, WINDOW_UPDATE, RST_STREAM, GOAWAY) never wait,
 * so the connection's reader is never blocked by a slow socket or a stream; what they can queue is
 * bounded by the connection's frame budgets. No caller waits here for flow-control credit: that
 * wait happens before, without this lock (the deadlock Helidon had, where a stream holding the
 * writer waited for credit only the reader could bring, cannot happen).
 *
 * <p><b>Failure.</b> A socket write that stops moving is ended by the watchdog (see
 * {@link #writeStartedNanos}); any write failure fails every later call with an IOException.
 */
final class Http2Writer {
    static final int HIGH_WATER = 64 * 1024;
    private static final int INITIAL = 1024;

    private final Transport transport;
    private final Runnable onDrainedClose;
    private final ReentrantLock lock = new ReentrantLock();
    private final Condition work = lock.newCondition();
    private final Condition room = lock.newCondition();
    private final HpackEncoder encoder = new HpackEncoder(4096);
    private final HpackOutput block = new HpackOutput(128);
    private final ByteBuffer[] one = new ByteBuffer[1];
    private ByteBuffer pending = ByteBuffer.allocate(INITIAL);
    private ByteBuffer sending = ByteBuffer.allocate(0);
    private int peerMaxFrameSize = Frame.DEFAULT_MAX_FRAME_SIZE;
    private IOException failure;
    private boolean closeWhenDrained;
    private volatile long writeStarted;

    /** {@code onDrainedClose}: called once everything was written and the output shut after {@link #closeWhenDrained}. */
    Http2Writer(Transport transport, Runnable onDrainedClose) {
        this.transport = transport;
        this.onDrainedClose = onDrainedClose;
    }

    /**
     * Starts the writer's thread. It ends after {@link #closeWhenDrained} (shutting the output, so
     * the client sees the end after the last frame) or a write failure (closing the transport).
     */
    Thread start(String name) {
        return Thread.ofVirtual().name(name).start(this::loop);
    }

    /** When the socket write under way started, or 0: the watchdog closes one that stops moving. */
    long writeStartedNanos() {
        return writeStarted;
    }

    void settings(Settings settings) {
        control(9 + 36, b -> FrameWriter.settings(b, settings));
    }

    void settingsAck() {
        control(9, FrameWriter::settingsAck);
    }

    void ping(boolean ack, long data) {
        control(17, b -> FrameWriter.ping(b, ack, data));
    }

    void windowUpdate(int streamId, int increment) {
        control(13, b -> FrameWriter.windowUpdate(b, streamId, increment));
    }

    void rstStream(int streamId, ErrorCode code) {
        control(13, b -> FrameWriter.rstStream(b, streamId, code));
    }

    void goAway(int lastStreamId, ErrorCode code, String debug) {
        control(17 + debug.length(), b -> FrameWriter.goAway(b, lastStreamId, code, debug));
    }

    /** Applies the peer's SETTINGS_HEADER_TABLE_SIZE (RFC 7541 §4.2) and SETTINGS_MAX_FRAME_SIZE. */
    void peerSettings(long headerTableSize, int maxFrameSize) {
        lock.lock();
        try {
            encoder.setPeerHeaderTableSize(headerTableSize);
            peerMaxFrameSize = maxFrameSize;
        } finally {
            lock.unlock();
        }
    }

    /** Encodes and queues a header block as HEADERS and CONTINUATION frames, back to back (RFC 9113 §4.3). */
    void headers(int streamId, FieldList fields, boolean endStream) throws IOException {
        lock.lock();
        try {
            awaitRoom();
            block.reset();
            encoder.beginBlock(block);
            for (int i = 0; i < fields.size(); i++) {
                encoder.field(block, fields.name(i), fields.value(i));
            }
            ensure(FrameWriter.headersLength(block.length(), peerMaxFrameSize));
            FrameWriter.headers(pending, streamId, block.array(), 0, block.length(), endStream, peerMaxFrameSize);
            work.signal();
        } finally {
            lock.unlock();
        }
    }

    /** Queues one DATA frame; the caller holds the flow-control credit and keeps to the frame size. */
    void data(int streamId, byte[] b, int off, int len, boolean endStream) throws IOException {
        lock.lock();
        try {
            awaitRoom();
            ensure(Frame.HEADER_LENGTH + len);
            FrameWriter.data(pending, streamId, b, off, len, endStream);
            work.signal();
        } finally {
            lock.unlock();
        }
    }

    /** Ends the connection once everything queued so far has been written. */
    void closeWhenDrained() {
        lock.lock();
        try {
            closeWhenDrained = true;
            work.signal();
        } finally {
            lock.unlock();
        }
    }

    private interface Encoding {
        void into(ByteBuffer b);
    }

    private void control(int size, Encoding frame) {
        lock.lock();
        try {
            if (failure == null && !closeWhenDrained) {
                ensure(size);
                frame.into(pending);
                work.signal();
            }
        } finally {
            lock.unlock();
        }
    }

    /** Under the lock: waits while the pending buffer is full; fails after a write failure. */
    private void awaitRoom() throws IOException {
        while (failure == null && !closeWhenDrained && pending.position() >= HIGH_WATER) {
            try {
                room.await();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new InterruptedIOException("interrupted while waiting to write");
            }
        }
        if (failure != null) {
            throw new IOException("connection failed", failure);
        }
        if (closeWhenDrained) {
            throw new IOException("connection closing");
        }
    }

    private void ensure(int size) {
        if (pending.remaining() < size) {
            ByteBuffer bigger = ByteBuffer.allocate(Math.max(Math.max(INITIAL, 2 * pending.capacity()), pending.position() + size));
            pending.flip();
            bigger.put(pending);
            pending = bigger;
        }
    }

    private void loop() {
        try {
            while (true) {
                lock.lock();
                try {
                    while (pending.position() == 0 && !closeWhenDrained) {
                        work.await();
                    }
                    if (pending.position() == 0) {
                        failure = new IOException("connection closed");
                        break; // closing, and everything has been written
                    }
                    ByteBuffer full = pending;
                    pending = sending;
                    pending.clear();
                    sending = full;
                    room.signalAll();
                } finally {
                    lock.unlock();
                }
                sending.flip();
                one[0] = sending;
                writeStarted = System.nanoTime() | 1;
                transport.write(one);
                writeStarted = 0;
                sending.clear();
                if (sending.capacity() > 4 * INITIAL) {
                    sending = ByteBuffer.allocate(0); // an idle connection keeps only small buffers
                }
            }
            lock.lock();
            try {
                room.signalAll();
            } finally {
                lock.unlock();
            }
            transport.shutdownOutput();
            onDrainedClose.run();
        } catch (IOException | InterruptedException | RuntimeException e) {
            writeStarted = 0;
            lock.lock();
            try {
                failure = e instanceof IOException io ? io : new IOException(e);
                room.signalAll();
            } finally {
                lock.unlock();
            }
            transport.close();
            onDrainedClose.run();
        }
    }
}
