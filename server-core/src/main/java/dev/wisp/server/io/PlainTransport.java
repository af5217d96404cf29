package dev.wisp.server.io;

import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.channels.SocketChannel;

/** A plain TCP connection; files leave through {@code sendfile} where the platform has it. */
public final class PlainTransport implements Transport {
    private final SocketChannel channel;
    private final InputStream input;

    public PlainTransport(SocketChannel channel, InputStream input) {
        this.channel = channel;
        this.input = input;
    }

    public PlainTransport(SocketChannel channel) throws IOException {
        this(channel, channel.socket().getInputStream());
    }

    @Override
    public InputStream input() {
        return input;
    }

    @Override
    public void write(ByteBuffer[] buffers) throws IOException {
        if (buffers.length == 1) {
            ByteBuffer b = buffers[0];
            while (b.hasRemaining()) {
                channel.write(b);
            }
            return;
        }
        ByteBuffer last = buffers[buffers.length - 1];
        while (last.hasRemaining()) {
            channel.write(buffers); // gathering: a head and a body leave in one system call
        }
    }

    @Override
    public long transferFrom(FileChannel file, long position, long count) throws IOException {
        return file.transferTo(position, count, channel);
    }

    @Override
    public void shutdownInput() throws IOException {
        channel.shutdownInput();
    }

    @Override
    public void shutdownOutput() throws IOException {
        channel.shutdownOutput();
    }

    @Override
    public void close() {
        try {
            channel.close();
        } catch (IOException ignored) {
            // Nothing more can be done for this connection.
        }
    }
}
