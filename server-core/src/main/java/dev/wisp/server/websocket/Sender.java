package dev.wisp.server.websocket;

import java.io.IOException;
import java.io.OutputStream;
import java.util.concurrent.locks.ReentrantLock;

/**
 * The write side of a session: one frame per message or control frame, each written and flushed
 * under one {@code ReentrantLock} (a blocked virtual thread doesn't pin its carrier), so frames
 * from different threads never interleave. A write blocks while the peer is slow to read; the
 * connection's write timeout ends one that makes no progress.
 *
 * <p>Once a Close frame has been sent nothing else is (RFC 6455 §5.5.1): data sends throw, a
 * Pong is skipped. After a write fails every later send throws too.
 */
final class Sender {
    /** Messages shorter than this go out uncompressed: deflate would barely shrink them. */
    static final int COMPRESS_MIN_BYTES = 64;
    private final OutputStream out;
    private final boolean deflate;
    private final ReentrantLock lock = new ReentrantLock();
    private final byte[] header = new byte[FrameWriter.MAX_HEADER];
    private boolean closeSent;
    private boolean broken;

    Sender(OutputStream out, boolean deflate) {
        this.out = out;
        this.deflate = deflate;
    }

    /** Sends a Text or Binary message as one frame, compressed when negotiated and worth it. */
    void sendMessage(int opcode, byte[] payload) throws IOException {
        boolean compress = deflate && payload.length >= COMPRESS_MIN_BYTES;
        // Compressed before taking the lock: every message has its own context (MessageDeflater).
        byte[] wire = compress ? MessageDeflater.compress(payload) : payload;
        lock.lock();
        try {
            if (closeSent) {
                throw new IOException("WebSocket session is closed");
            }
            write(opcode, compress, wire);
        } finally {
            lock.unlock();
        }
    }

    /** Sends a Ping or Pong; a Pong after our Close is dropped. */
    void sendControl(int opcode, byte[] payload) throws IOException {
        lock.lock();
        try {
            if (closeSent) {
                if (opcode == FrameHeader.PONG) {
                    return;
                }
                throw new IOException("WebSocket session is closed");
            }
            write(opcode, false, payload);
        } finally {
            lock.unlock();
        }
    }

    /**
     * Sends a Close frame (§5.5.1) unless one was sent; {@code code} 1005 sends an empty body.
     * Returns whether this call sent it.
     */
    boolean sendClose(int code, byte[] reason) throws IOException {
        lock.lock();
        try {
            if (closeSent) {
                return false;
            }
            closeSent = true;
            byte[] body;
            if (code == CloseCodes.NO_STATUS) {
                body = new byte[0];
            } else {
                body = new byte[2 + reason.length];
                body[0] = (byte) (code >>> 8);
                body[1] = (byte) code;
                System.arraycopy(reason, 0, body, 2, reason.length);
            }
            write(FrameHeader.CLOSE, false, body);
            return true;
        } finally {
            lock.unlock();
        }
    }

    boolean closeSent() {
        lock.lock();
        try {
            return closeSent;
        } finally {
            lock.unlock();
        }
    }

    private void write(int opcode, boolean rsv1, byte[] payload) throws IOException {
        if (broken) {
            throw new IOException("WebSocket connection failed earlier");
        }
        try {
            int n = FrameWriter.header(header, opcode, rsv1, payload.length);
            out.write(header, 0, n);
            out.write(payload);
            out.flush();
        } catch (IOException e) {
            broken = true;
            throw e;
        }
    }
}
