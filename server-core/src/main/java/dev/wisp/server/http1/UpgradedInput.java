package dev.wisp.server.http1;

import dev.wisp.server.io.HttpInput;
import java.io.IOException;
import java.io.InputStream;

/**
 * The connection's input as a plain stream for the protocol that follows a 101 (WebSocket): first
 * the bytes already buffered past the request head (a client may send frames right behind its
 * handshake), then the socket, under the read deadline the connection set. The output side is
 * {@link ResponseWriter.RawOutputStream}, which keeps the write timeout.
 */
final class UpgradedInput extends InputStream {
    private final HttpInput in;

    UpgradedInput(HttpInput in) {
        this.in = in;
    }

    @Override
    public int read() throws IOException {
        return in.read();
    }

    @Override
    public int read(byte[] b, int off, int len) throws IOException {
        return in.read(b, off, len);
    }
}
