package dev.wisp.server.io;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.channels.SocketChannel;
import javax.net.ssl.SSLSocket;

/**
 * A TLS connection: bytes are encrypted and decrypted by the JDK's {@link SSLSocket}, layered on
 * the accepted channel after the handshake. Files can't leave by {@code sendfile} (they must be
 * encrypted in user space), so {@link #transferFrom} always declines and the caller writes pieces.
 */
public final class TlsTransport implements Transport {
    /** Buffers gathered up to this size leave as one TLS record instead of one record each. */
    private static final int JOIN_LIMIT = 16 * 1024;

    private final SocketChannel channel;
    private final SSLSocket socket;
    private final InputStream input;
    private final OutputStream output;

    public TlsTransport(SocketChannel channel, SSLSocket socket) throws IOException {
        this.channel = channel;
        this.socket = socket;
        this.input = socket.getInputStream();
        this.output = socket.getOutputStream();
    }

    @Override
    public InputStream input() {
        return input;
    }

    @Override
    public void write(ByteBuffer[] buffers) throws IOException {
        if (buffers.length > 1) {
            long total = 0;
            for (ByteBuffer b : buffers) {
                total += b.remaining();
            }
            if (total <= JOIN_LIMIT) {
                // A response head and a small body: one record, one system call.
                byte[] joined = new byte[(int) total];
                int at = 0;
                for (ByteBuffer b : buffers) {
                    int n = b.remaining();
                    b.get(joined, at, n);
                    at += n;
                }
                output.write(joined);
                return;
            }
        }
        for (ByteBuffer b : buffers) {
            write(b);
        }
    }

    private void write(ByteBuffer b) throws IOException {
        int n = b.remaining();
        if (n == 0) {
            return;
        }
        if (b.hasArray()) {
            output.write(b.array(), b.arrayOffset() + b.position(), n);
            b.position(b.limit());
        } else {
            byte[] copy = new byte[n];
            b.get(copy);
            output.write(copy);
        }
    }

    @Override
    public long transferFrom(FileChannel file, long position, long count) {
        return 0;
    }

    @Override
    public void shutdownInput() throws IOException {
        channel.shutdownInput(); // the SSLSocket's next read sees end-of-input
    }

    @Override
    public void shutdownOutput() throws IOException {
        socket.shutdownOutput(); // close_notify, then the TCP half-close
    }

    @Override
    public void close() {
        try {
            channel.close(); // not socket.close(): that would try to write close_notify to a stuck peer
        } catch (IOException ignored) {
            // Nothing more can be done for this connection.
        }
    }
}
