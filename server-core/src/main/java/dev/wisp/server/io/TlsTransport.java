package dev.wisp.server.io;

import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.util.concurrent.locks.ReentrantLock;
import javax.net.ssl.SSLEngine;
import javax.net.ssl.SSLEngineResult;
import javax.net.ssl.SSLEngineResult.HandshakeStatus;
import javax.net.ssl.SSLException;

/**
 * A TLS connection driven through an {@link SSLEngine} over the connection's plain transport:
 * records are read from and written to it here, so the server keeps control of every blocking
 * call, and TLS connections wait in the server's readiness loop like plain ones.
 *
 * <p>That control is why this is not an {@code SSLSocket}: the watchdog wakes a read past its
 * deadline by shutting the channel's input. An {@code SSLSocket} treats that end-of-input as a
 * truncation attack and fails the whole connection, so a 408 could no longer be sent; here the
 * read just ends and the engine stays usable for the answer.
 *
 * <p>Reads happen on one thread at a time and writes on one thread at a time (they may be two
 * different threads: HTTP/2's reader and writer). The engine allows a wrap and an unwrap to run
 * concurrently; a post-handshake message the reader must answer (a TLS 1.3 key update) takes the
 * write lock like any other write. Files can't leave by {@code sendfile} (they must be encrypted
 * in user space), so {@link #transferFrom} declines and the caller writes pieces.
 */
public final class TlsTransport implements Transport {
    private final PlainTransport socket;
    private final SSLEngine engine;
    private final ByteBuffer[] netOutArray = new ByteBuffer[1];
    private final ReentrantLock writeLock = new ReentrantLock();
    private final Input input = new Input();
    /** Received records not yet decrypted; sized for one record, filled by channel reads. */
    private ByteBuffer netIn;
    /** Decrypted bytes not yet read by the application. */
    private ByteBuffer appIn;
    /** Encrypted bytes waiting to be written; used under the write lock only. */
    private ByteBuffer netOut;
    private boolean inputDone;
    private volatile boolean handshakeDone;

    /**
     * A transport whose first {@code consumed} bytes were already read from the channel (to tell
     * TLS from plain HTTP). Call {@link #handshake()} before anything else.
     */
    public TlsTransport(PlainTransport socket, SSLEngine engine, byte[] consumed) {
        this.socket = socket;
        this.engine = engine;
        int packet = engine.getSession().getPacketBufferSize();
        this.netIn = ByteBuffer.allocate(Math.max(packet, consumed.length));
        this.netIn.put(consumed).flip();
        this.appIn = ByteBuffer.allocate(engine.getSession().getApplicationBufferSize());
        this.appIn.flip();
        this.netOut = ByteBuffer.allocate(packet);
    }

    /** Runs the handshake to its end (RFC 8446 §4); throws if it fails or the peer leaves. */
    public void handshake() throws IOException {
        engine.beginHandshake();
        HandshakeStatus status = engine.getHandshakeStatus();
        while (true) {
            switch (status) {
                case NEED_WRAP -> status = wrap(ByteBuffer.allocate(0)).getHandshakeStatus();
                case NEED_UNWRAP, NEED_UNWRAP_AGAIN -> {
                    SSLEngineResult r = unwrap();
                    if (r == null) {
                        throw new EOFException("the client closed the connection during the TLS handshake");
                    }
                    status = r.getHandshakeStatus();
                }
                case NEED_TASK -> {
                    runDelegatedTasks();
                    status = engine.getHandshakeStatus();
                }
                case FINISHED, NOT_HANDSHAKING -> {
                    handshakeDone = true;
                    return;
                }
            }
        }
    }

    private void runDelegatedTasks() {
        Runnable task;
        while ((task = engine.getDelegatedTask()) != null) {
            task.run(); // on this virtual thread: nothing else waits for it
        }
    }

    @Override
    public InputStream input() {
        return input;
    }

    @Override
    public void write(ByteBuffer[] buffers) throws IOException {
        writeLock.lock();
        try {
            for (ByteBuffer b : buffers) {
                while (b.hasRemaining()) {
                    wrap(b);
                }
            }
        } finally {
            writeLock.unlock();
        }
    }

    @Override
    public long transferFrom(FileChannel file, long position, long count) {
        return 0;
    }

    @Override
    public void shutdownInput() throws IOException {
        socket.shutdownInput(); // a blocked read sees end-of-input; the engine is untouched
    }

    @Override
    public void shutdownOutput() throws IOException {
        writeLock.lock();
        try {
            engine.closeOutbound(); // RFC 8446 §6.1: close_notify before the TCP half-close
            while (!engine.isOutboundDone()) {
                if (wrap(ByteBuffer.allocate(0)).bytesProduced() == 0) {
                    break;
                }
            }
        } finally {
            writeLock.unlock();
        }
        socket.shutdownOutput();
    }

    @Override
    public void close() {
        socket.close(); // no close_notify here: the peer may be the reason we close
    }

    /**
     * Encrypts what it can of {@code src} into one record and writes it. The caller holds the
     * write lock, or is the handshake (which runs before anyone else uses the transport).
     */
    private SSLEngineResult wrap(ByteBuffer src) throws IOException {
        while (true) {
            netOut.clear();
            SSLEngineResult r = engine.wrap(src, netOut);
            switch (r.getStatus()) {
                case OK, CLOSED -> {
                    netOut.flip();
                    netOutArray[0] = netOut;
                    socket.write(netOutArray);
                    return r;
                }
                case BUFFER_OVERFLOW -> netOut = ByteBuffer.allocate(engine.getSession().getPacketBufferSize());
                case BUFFER_UNDERFLOW -> throw new SSLException("unexpected wrap underflow");
            }
        }
    }

    /**
     * Decrypts the next record into {@code appIn}, reading from the channel as needed. Returns
     * null at end of input (the channel's, or the peer's close_notify).
     */
    private SSLEngineResult unwrap() throws IOException {
        while (true) {
            appIn.compact();
            SSLEngineResult r;
            try {
                r = engine.unwrap(netIn, appIn);
            } finally {
                appIn.flip();
            }
            switch (r.getStatus()) {
                case OK -> {
                    if (handshakeDone && r.getHandshakeStatus() == HandshakeStatus.NEED_TASK) {
                        runDelegatedTasks();
                    }
                    if (handshakeDone && engine.getHandshakeStatus() == HandshakeStatus.NEED_WRAP) {
                        // A post-handshake message to answer (TLS 1.3 KeyUpdate, RFC 8446 §4.6.3).
                        writeLock.lock();
                        try {
                            wrap(ByteBuffer.allocate(0));
                        } finally {
                            writeLock.unlock();
                        }
                    }
                    return r;
                }
                case CLOSED -> {
                    return null;
                }
                case BUFFER_OVERFLOW -> {
                    ByteBuffer bigger = ByteBuffer.allocate(appIn.remaining() + engine.getSession().getApplicationBufferSize());
                    bigger.put(appIn).flip();
                    appIn = bigger;
                }
                case BUFFER_UNDERFLOW -> {
                    if (!readRecordBytes()) {
                        return null;
                    }
                }
            }
        }
    }

    /** Reads more record bytes from the channel into {@code netIn}; false at end of input. */
    private boolean readRecordBytes() throws IOException {
        netIn.compact();
        try {
            if (!netIn.hasRemaining()) {
                ByteBuffer bigger = ByteBuffer.allocate(netIn.capacity() + engine.getSession().getPacketBufferSize());
                netIn.flip();
                bigger.put(netIn);
                netIn = bigger;
            }
            return socket.read(netIn) >= 0;
        } finally {
            netIn.flip();
        }
    }

    /** The decrypted byte stream the connection's parsers read. */
    private final class Input extends InputStream {
        @Override
        public int read() throws IOException {
            byte[] one = new byte[1];
            return read(one, 0, 1) < 0 ? -1 : one[0] & 0xff;
        }

        @Override
        public int read(byte[] b, int off, int len) throws IOException {
            if (len == 0) {
                return 0;
            }
            while (!appIn.hasRemaining()) {
                if (inputDone || unwrap() == null) {
                    inputDone = true;
                    return -1;
                }
            }
            int n = Math.min(len, appIn.remaining());
            appIn.get(b, off, n);
            return n;
        }
    }
}
