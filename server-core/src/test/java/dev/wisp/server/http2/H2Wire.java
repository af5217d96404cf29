package dev.wisp.server.http2;

import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.SocketException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLParameters;
import javax.net.ssl.SSLSocket;

/**
 * A small HTTP/2 client for frame-level tests (h2spec style): it writes exact frames with the
 * codec's {@link FrameWriter} and HPACK encoder, and reads the server's frames one at a time,
 * decoding header blocks. Every read is bounded by the socket timeout.
 */
final class H2Wire implements AutoCloseable {
    static final int READ_TIMEOUT_MILLIS = 5_000;

    /** A frame as read; {@code fields} is the decoded header block for HEADERS (CONTINUATIONs folded in). */
    record Frame(int type, int flags, int stream, byte[] payload, List<String> fields) {
        boolean endStream() {
            return (flags & dev.wisp.server.http2.Frame.FLAG_END_STREAM) != 0;
        }

        boolean ack() {
            return (flags & dev.wisp.server.http2.Frame.FLAG_ACK) != 0;
        }

        int int32(int at) {
            return ByteBuffer.wrap(payload).getInt(at);
        }

        /** The error code of RST_STREAM or GOAWAY. */
        ErrorCode error() {
            return ErrorCode.of(int32(type == dev.wisp.server.http2.Frame.GOAWAY ? 4 : 0));
        }

        String field(String name) {
            for (int i = 0; i + 1 < fields.size(); i += 2) {
                if (fields.get(i).equals(name)) {
                    return fields.get(i + 1);
                }
            }
            return null;
        }

        @Override
        public String toString() {
            return dev.wisp.server.http2.Frame.typeName(type) + " stream=" + stream + " flags=" + flags + " len="
                    + payload.length + (fields != null ? " " + fields : "")
                    + (type == dev.wisp.server.http2.Frame.GOAWAY || type == dev.wisp.server.http2.Frame.RST_STREAM ? " " + error() : "");
        }
    }

    /** A response: status, fields, body bytes, and whether the stream ended with a reset. */
    record Response(Frame headers, byte[] body, ErrorCode reset) {
        int status() {
            return Integer.parseInt(headers.field(":status"));
        }

        String text() {
            return new String(body, StandardCharsets.UTF_8);
        }
    }

    final Socket socket;
    private final DataInputStream in;
    private final OutputStream out;
    private final HpackEncoder encoder = new HpackEncoder(4096);
    private final HpackDecoder decoder = new HpackDecoder(4096, 1 << 20);
    /** Whether DATA read by {@link #response} is given back with WINDOW_UPDATEs. */
    boolean autoWindow = true;

    private H2Wire(Socket socket) throws IOException {
        this.socket = socket;
        socket.setSoTimeout(READ_TIMEOUT_MILLIS);
        this.in = new DataInputStream(socket.getInputStream());
        this.out = socket.getOutputStream();
    }

    static H2Wire connect(int port) throws IOException {
        Socket socket = new Socket();
        socket.setTcpNoDelay(true);
        socket.connect(new InetSocketAddress("127.0.0.1", port), READ_TIMEOUT_MILLIS);
        return new H2Wire(socket);
    }

    /** Over TLS, offering ALPN {@code h2} only. */
    static H2Wire connectTls(int port, SSLContext context) throws IOException {
        SSLSocket socket = (SSLSocket) context.getSocketFactory().createSocket("127.0.0.1", port);
        SSLParameters p = socket.getSSLParameters();
        p.setApplicationProtocols(new String[] {"h2"});
        socket.setSSLParameters(p);
        socket.startHandshake();
        if (!"h2".equals(socket.getApplicationProtocol())) {
            throw new IOException("ALPN chose " + socket.getApplicationProtocol());
        }
        return new H2Wire(socket);
    }

    /** Preface, empty SETTINGS, then reads the server's SETTINGS and acknowledges it; returns it. */
    Frame handshake(int... settings) throws IOException {
        raw("PRI * HTTP/2.0\r\n\r\nSM\r\n\r\n".getBytes(StandardCharsets.US_ASCII));
        settings(settings);
        Frame serverSettings = next();
        if (serverSettings.type() != dev.wisp.server.http2.Frame.SETTINGS || serverSettings.ack()) {
            throw new AssertionError("expected the server's SETTINGS first, got " + serverSettings);
        }
        frame(b -> FrameWriter.settingsAck(b));
        return serverSettings;
    }

    void raw(byte[] bytes) throws IOException {
        out.write(bytes);
        out.flush();
    }

    interface Writing {
        void into(ByteBuffer b);
    }

    void frame(Writing w) throws IOException {
        ByteBuffer b = ByteBuffer.allocate(1 << 20);
        w.into(b);
        raw(java.util.Arrays.copyOf(b.array(), b.position()));
    }

    /** A frame with any header, for frames the codec's writer will not produce. */
    void frame(int type, int flags, int stream, byte[] payload) throws IOException {
        frame(b -> {
            FrameWriter.header(b, payload.length, type, flags, stream);
            b.put(payload);
        });
    }

    /** Several frames in one write: what a flood looks like. */
    void frames(int count, int type, int flags, int stream, byte[] payload) throws IOException {
        ByteArrayOutputStream all = new ByteArrayOutputStream();
        ByteBuffer b = ByteBuffer.allocate(9 + payload.length);
        for (int i = 0; i < count; i++) {
            b.clear();
            FrameWriter.header(b, payload.length, type, flags, stream);
            b.put(payload);
            all.write(b.array(), 0, b.position());
        }
        raw(all.toByteArray());
    }

    void settings(int... idValue) throws IOException {
        ByteBuffer p = ByteBuffer.allocate(6 * idValue.length / 2);
        for (int i = 0; i < idValue.length; i += 2) {
            p.putShort((short) idValue[i]).putInt(idValue[i + 1]);
        }
        frame(dev.wisp.server.http2.Frame.SETTINGS, 0, 0, p.array());
    }

    /** The HPACK block of {@code nameValue} pairs. */
    byte[] block(String... nameValue) {
        HpackOutput o = new HpackOutput(64);
        encoder.beginBlock(o);
        for (int i = 0; i < nameValue.length; i += 2) {
            encoder.field(o, nameValue[i], nameValue[i + 1]);
        }
        return o.toByteArray();
    }

    /** A block with one literal field as given, name not lowercased: what the encoder would never produce. */
    static byte[] literal(byte[] prefix, String name, String value) {
        ByteArrayOutputStream b = new ByteArrayOutputStream();
        b.writeBytes(prefix);
        b.write(0x00); // literal without indexing, new name (RFC 7541 §6.2.2); lengths < 127
        b.write(name.length());
        b.writeBytes(name.getBytes(StandardCharsets.ISO_8859_1));
        b.write(value.length());
        b.writeBytes(value.getBytes(StandardCharsets.ISO_8859_1));
        return b.toByteArray();
    }

    /** A request's HEADERS: method and path, then extra pairs; scheme http, authority localhost. */
    void request(int stream, boolean endStream, String method, String path, String... extra) throws IOException {
        List<String> all = new ArrayList<>(List.of(":method", method, ":scheme", "http", ":path", path, ":authority", "localhost"));
        all.addAll(List.of(extra));
        headers(stream, endStream, all.toArray(String[]::new));
    }

    void headers(int stream, boolean endStream, String... nameValue) throws IOException {
        byte[] block = block(nameValue);
        frame(b -> FrameWriter.headers(b, stream, block, 0, block.length, endStream, 16384));
    }

    void data(int stream, byte[] bytes, boolean endStream) throws IOException {
        frame(b -> FrameWriter.data(b, stream, bytes, 0, bytes.length, endStream));
    }

    void windowUpdate(int stream, int increment) throws IOException {
        frame(dev.wisp.server.http2.Frame.WINDOW_UPDATE, 0, stream, ByteBuffer.allocate(4).putInt(increment).array());
    }

    void rst(int stream, ErrorCode code) throws IOException {
        frame(b -> FrameWriter.rstStream(b, stream, code));
    }

    /** The next frame, with a header block gathered from its CONTINUATIONs; EOFException when the server closed. */
    Frame next() throws IOException {
        Frame f = readFrame();
        if (f.type() == dev.wisp.server.http2.Frame.HEADERS) {
            ByteArrayOutputStream block = new ByteArrayOutputStream();
            block.write(f.payload());
            int flags = f.flags();
            while ((flags & dev.wisp.server.http2.Frame.FLAG_END_HEADERS) == 0) {
                Frame c = readFrame();
                block.write(c.payload());
                flags |= c.flags();
            }
            FieldList list = new FieldList();
            try {
                decoder.decode(block.toByteArray(), 0, block.size(), list);
            } catch (HpackException e) {
                throw new IOException(e);
            }
            List<String> fields = new ArrayList<>();
            for (int i = 0; i < list.size(); i++) {
                fields.add(list.name(i));
                fields.add(list.value(i));
            }
            return new Frame(f.type(), flags, f.stream(), f.payload(), fields);
        }
        return f;
    }

    private Frame readFrame() throws IOException {
        int length = in.readUnsignedByte() << 16 | in.readUnsignedShort();
        int type = in.readUnsignedByte();
        int flags = in.readUnsignedByte();
        int stream = in.readInt() & 0x7fffffff;
        byte[] payload = new byte[length];
        in.readFully(payload);
        return new Frame(type, flags, stream, payload, null);
    }

    /** Reads until a frame of {@code type} (on {@code stream}, or any when -1), skipping others; answers no PING. */
    Frame expect(int type, int stream) throws IOException {
        while (true) {
            Frame f = next();
            if (f.type() == type && (stream < 0 || f.stream() == stream)) {
                return f;
            }
        }
    }

    /** The error code of the GOAWAY the server sends, reading past other frames. */
    ErrorCode goAway() throws IOException {
        return expect(dev.wisp.server.http2.Frame.GOAWAY, -1).error();
    }

    /** Reads the response on {@code stream} to its END_STREAM or RST_STREAM, skipping other streams' frames. */
    Response response(int stream) throws IOException {
        Frame head = null;
        ByteArrayOutputStream body = new ByteArrayOutputStream();
        while (true) {
            Frame f = next();
            if (f.stream() != stream) {
                continue;
            }
            switch (f.type()) {
                case dev.wisp.server.http2.Frame.HEADERS -> {
                    if (head == null) {
                        head = f;
                    }
                }
                case dev.wisp.server.http2.Frame.DATA -> {
                    body.write(f.payload());
                    if (autoWindow && f.payload().length > 0) {
                        windowUpdate(0, f.payload().length);
                        if (!f.endStream()) {
                            windowUpdate(stream, f.payload().length);
                        }
                    }
                }
                case dev.wisp.server.http2.Frame.RST_STREAM -> {
                    return new Response(head, body.toByteArray(), f.error());
                }
                default -> {
                }
            }
            if (f.endStream()) {
                return new Response(head, body.toByteArray(), null);
            }
        }
    }

    /** Whether the server has closed the connection: reads (dropping frames) until end of stream. */
    boolean closedByServer() throws IOException {
        try {
            while (true) {
                readFrame();
            }
        } catch (EOFException | SocketException e) {
            return true;
        }
    }

    @Override
    public void close() throws IOException {
        socket.close();
    }
}
