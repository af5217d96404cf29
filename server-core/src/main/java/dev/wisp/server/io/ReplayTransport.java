package dev.wisp.server.io;

import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;

/**
 * A transport whose input first returns bytes already read from it: what protocol selection
 * looked at to tell an HTTP/2 preface from an HTTP/1.1 request. Everything else is the wrapped
 * transport's.
 */
public final class ReplayTransport implements Transport {
    private final Transport transport;
    private final InputStream input;

    public ReplayTransport(Transport transport, byte[] prefix, int length) {
        this.transport = transport;
        this.input = new Replaying(prefix, length, transport.input());
    }

    @Override
    public InputStream input() {
        return input;
    }

    @Override
    public void write(ByteBuffer[] buffers) throws IOException {
        transport.write(buffers);
    }

    @Override
    public long transferFrom(FileChannel file, long position, long count) throws IOException {
        return transport.transferFrom(file, position, count);
    }

    @Override
    public void shutdownInput() throws IOException {
        transport.shutdownInput();
    }

    @Override
    public void shutdownOutput() throws IOException {
        transport.shutdownOutput();
    }

    @Override
    public void close() {
        transport.close();
    }

    /** The prefix, then the stream; reads never mix the two, so a caller's offsets stay simple. */
    private static final class Replaying extends InputStream {
        private final byte[] prefix;
        private final int length;
        private final InputStream rest;
        private int pos;

        Replaying(byte[] prefix, int length, InputStream rest) {
            this.prefix = prefix;
            this.length = length;
            this.rest = rest;
        }

        @Override
        public int read() throws IOException {
            return pos < length ? prefix[pos++] & 0xff : rest.read();
        }

        @Override
        public int read(byte[] b, int off, int len) throws IOException {
            if (pos < length && len > 0) {
                int n = Math.min(len, length - pos);
                System.arraycopy(prefix, pos, b, off, n);
                pos += n;
                return n;
            }
            return rest.read(b, off, len);
        }

        @Override
        public int available() throws IOException {
            return pos < length ? length - pos : rest.available();
        }

        @Override
        public void close() throws IOException {
            rest.close();
        }
    }
}
