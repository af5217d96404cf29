package dev.wisp.server.websocket;

import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.SocketException;
import java.nio.charset.StandardCharsets;

/**
 * A raw client for the upgrade tests: sends exact bytes, reads the response head byte by byte (so
 * nothing after it is taken), then reads server frames one at a time as {@link WsWire} lines
 * ("TEXT 6869", "CLOSE 1001 reason"). Every read is bounded by a 5 s socket timeout.
 */
final class RawWsClient implements AutoCloseable {
    /** RFC 6455 §1.3's sample key and its accept value. */
    static final String KEY = "dGhlIHNhbXBsZSBub25jZQ==";
    static final String ACCEPT = "s3pPLMBiTxaQ9kYGzzhZRbK+xOo=";

    private final Socket socket;
    private final DataInputStream in;
    private final OutputStream out;

    RawWsClient(int port) throws IOException {
        socket = new Socket();
        socket.setTcpNoDelay(true);
        socket.setSoTimeout(5_000);
        socket.connect(new InetSocketAddress("127.0.0.1", port), 5_000);
        in = new DataInputStream(socket.getInputStream());
        out = socket.getOutputStream();
    }

    /** A valid handshake for {@code path} with extra header lines (each ending in CRLF). */
    static String handshake(String path, String extra) {
        return "GET " + path + " HTTP/1.1\r\nHost: 127.0.0.1\r\nUpgrade: websocket\r\nConnection: Upgrade\r\n"
                + "Sec-WebSocket-Key: " + KEY + "\r\nSec-WebSocket-Version: 13\r\n" + extra + "\r\n";
    }

    RawWsClient send(String ascii) throws IOException {
        return send(ascii.getBytes(StandardCharsets.ISO_8859_1));
    }

    RawWsClient send(byte[] bytes) throws IOException {
        out.write(bytes);
        out.flush();
        return this;
    }

    /** The response head up to and including the empty line, CRLFs kept. */
    String readHead() throws IOException {
        ByteArrayOutputStream head = new ByteArrayOutputStream();
        while (true) {
            int b = in.read();
            if (b < 0) {
                throw new EOFException("connection closed in the head: " + head);
            }
            head.write(b);
            byte[] h = head.toByteArray();
            int n = h.length;
            if (n >= 4 && h[n - 4] == '\r' && h[n - 3] == '\n' && h[n - 2] == '\r' && h[n - 1] == '\n') {
                return head.toString(StandardCharsets.ISO_8859_1);
            }
        }
    }

    /** The bytes after the head until the server closes the connection. */
    String readToEnd() throws IOException {
        return new String(in.readAllBytes(), StandardCharsets.UTF_8);
    }

    /** The next server frame, as a {@link WsWire#serverFrames} line. */
    String readFrame() throws IOException {
        int b0 = in.readUnsignedByte();
        int b1 = in.readUnsignedByte();
        long len = b1 & 0x7f;
        if (len == 126) {
            len = in.readUnsignedShort();
        } else if (len == 127) {
            len = in.readLong();
        }
        ByteArrayOutputStream frame = new ByteArrayOutputStream();
        frame.write(b0);
        frame.write(b1);
        if ((b1 & 0x7f) == 126) {
            frame.write((int) (len >>> 8));
            frame.write((int) len);
        } else if ((b1 & 0x7f) == 127) {
            for (int i = 7; i >= 0; i--) {
                frame.write((int) (len >>> (8 * i)));
            }
        }
        byte[] payload = new byte[(int) len];
        in.readFully(payload);
        frame.writeBytes(payload);
        return WsWire.serverFrames(frame.toByteArray()).get(0);
    }

    /** Whether the server closed the connection: end of stream (or a reset) before any byte. */
    boolean closedByServer() throws IOException {
        try {
            return in.read() < 0;
        } catch (SocketException reset) {
            return true;
        }
    }

    @Override
    public void close() throws IOException {
        socket.close();
    }
}
