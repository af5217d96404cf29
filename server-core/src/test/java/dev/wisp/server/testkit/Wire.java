package dev.wisp.server.testkit;

import java.io.BufferedInputStream;
import java.io.ByteArrayOutputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.SocketException;
import java.net.SocketTimeoutException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/**
 * The one raw HTTP/1.1 client of the server tests: a socket to 127.0.0.1 that sends exact bytes,
 * reads responses by their own framing (Content-Length, chunked, or to end of stream), and tells
 * whether the server closed the connection. It is strict about what it reads: a status line that
 * is not HTTP/1.1, a bare LF or a byte after a response where none may come fails the read. Every
 * read is bounded by the socket timeout ({@link #READ_TIMEOUT_MILLIS} unless a test sets another).
 */
public final class Wire implements AutoCloseable {
    public static final int READ_TIMEOUT_MILLIS = 5_000;

    public final Socket socket;
    private final InputStream in;
    private final OutputStream out;

    private Wire(Socket socket) throws IOException {
        this.socket = socket;
        this.in = new BufferedInputStream(socket.getInputStream());
        this.out = socket.getOutputStream();
    }

    public static Wire connect(int port) throws IOException {
        Socket socket = new Socket();
        socket.setTcpNoDelay(true);
        socket.setSoTimeout(READ_TIMEOUT_MILLIS);
        socket.connect(new InetSocketAddress("127.0.0.1", port), READ_TIMEOUT_MILLIS);
        return new Wire(socket);
    }

    /** A connected socket (e.g. a TLS socket after its handshake), with the usual read timeout. */
    public static Wire over(Socket connected) throws IOException {
        connected.setSoTimeout(READ_TIMEOUT_MILLIS);
        return new Wire(connected);
    }

    /** A socket that is not connected yet, for options that must be set before connecting. */
    public static Wire connect(Socket unconnected, int port) throws IOException {
        unconnected.setTcpNoDelay(true);
        unconnected.setSoTimeout(READ_TIMEOUT_MILLIS);
        unconnected.connect(new InetSocketAddress("127.0.0.1", port), READ_TIMEOUT_MILLIS);
        return new Wire(unconnected);
    }

    public static byte[] latin1(String s) {
        return s.getBytes(StandardCharsets.ISO_8859_1);
    }

    public Wire send(String message) throws IOException {
        return send(latin1(message));
    }

    public Wire send(byte[] bytes) throws IOException {
        out.write(bytes);
        out.flush();
        return this;
    }

    /** Reads the next final response (1xx interim responses are skipped). */
    public Reply read() throws IOException {
        while (true) {
            Reply r = readOne();
            if (r.status() >= 200) {
                return r;
            }
        }
    }

    /** Reads the next response, an interim 1xx included. */
    public Reply readAny() throws IOException {
        return readOne();
    }

    /** GET {@code path} on this connection and read the answer. */
    public Reply get(String path) throws IOException {
        return send("GET " + path + " HTTP/1.1\r\nHost: test\r\n\r\n").read();
    }

    /**
     * Reads only a response's status line and header fields, leaving its body unread; also how to
     * read the answer to a HEAD request, which has no body whatever its header fields say.
     */
    public Reply readHeadOnly() throws IOException {
        return head();
    }

    private Reply readOne() throws IOException {
        Reply head = head();
        int status = head.status();
        if (status < 200 || status == 204 || status == 304) {
            return head;
        }
        String cl = head.header("Content-Length");
        if ("chunked".equalsIgnoreCase(head.header("Transfer-Encoding"))) {
            return readChunked(head);
        }
        if (cl != null) {
            return head.with(in.readNBytes(Integer.parseInt(cl)), false, true);
        }
        return head.with(in.readAllBytes(), false, true); // close-delimited
    }

    private Reply head() throws IOException {
        String statusLine = line();
        if (statusLine == null) {
            throw new EOFException("connection closed before a response");
        }
        if (!statusLine.startsWith("HTTP/1.1 ") || statusLine.length() < 12) {
            throw new IOException("not an HTTP/1.1 status line: " + statusLine);
        }
        int status = Integer.parseInt(statusLine.substring(9, 12));
        List<String> headers = new ArrayList<>();
        for (String h; !(h = requiredLine()).isEmpty(); ) {
            headers.add(h);
        }
        return new Reply(statusLine, status, List.copyOf(headers), new byte[0], false, true);
    }

    /** A chunked body, tolerating a connection that ends early: {@code complete} says whether the last chunk came. */
    private Reply readChunked(Reply head) throws IOException {
        ByteArrayOutputStream body = new ByteArrayOutputStream();
        try {
            while (true) {
                String sizeLine = line();
                if (sizeLine == null) {
                    return head.with(body.toByteArray(), true, false);
                }
                int size = Integer.parseInt(sizeLine.trim(), 16);
                if (size == 0) {
                    while (!requiredLine().isEmpty()) {
                        // trailers: ignored
                    }
                    return head.with(body.toByteArray(), true, true);
                }
                byte[] data = in.readNBytes(size);
                body.write(data);
                if (data.length < size || !"".equals(line())) {
                    return head.with(body.toByteArray(), true, false);
                }
            }
        } catch (EOFException | SocketException e) {
            return head.with(body.toByteArray(), true, false);
        }
    }

    /**
     * Whether the server has closed its side: true once a read returns end of stream (or the
     * connection was reset); false if it is still open when the socket timeout passes. Any bytes
     * that arrive first are a protocol error on the server's part and fail the read.
     */
    public boolean closedByServer() throws IOException {
        try {
            int b = in.read();
            if (b != -1) {
                throw new IOException("unexpected byte after the response: " + b);
            }
            return true;
        } catch (SocketTimeoutException e) {
            return false;
        } catch (SocketException e) {
            return true; // reset: closed, if not gracefully
        }
    }

    public int available() throws IOException {
        return in.available();
    }

    /** Closes with SO_LINGER 0, so the server sees a TCP reset instead of an orderly end. */
    public void reset() throws IOException {
        socket.setSoLinger(true, 0);
        socket.close();
    }

    @Override
    public void close() throws IOException {
        socket.close();
    }

    private String requiredLine() throws IOException {
        String l = line();
        if (l == null) {
            throw new EOFException("connection closed inside a response head");
        }
        return l;
    }

    /** Everything until the server closes, as Latin-1. */
    public String readToEnd() throws IOException {
        return new String(in.readAllBytes(), StandardCharsets.ISO_8859_1);
    }

    /** A CRLF-terminated line without its CRLF, or null at end of stream before any byte. */
    public String line() throws IOException {
        StringBuilder sb = new StringBuilder();
        while (true) {
            int b = in.read();
            if (b == -1) {
                if (sb.isEmpty()) {
                    return null;
                }
                throw new EOFException("connection closed inside a line");
            }
            if (b == '\n') {
                if (sb.isEmpty() || sb.charAt(sb.length() - 1) != '\r') {
                    throw new IOException("response line not ended by CRLF: " + sb);
                }
                sb.setLength(sb.length() - 1);
                return sb.toString();
            }
            sb.append((char) b);
        }
    }

    /**
     * A response as received: its status line and status, raw header lines, body, whether the body
     * was chunked, and whether a chunked body ended properly (with the last chunk).
     */
    public record Reply(String statusLine, int status, List<String> headers, byte[] body, boolean chunked, boolean complete) {
        /** The first value of a header, or null. */
        public String header(String name) {
            for (String h : headers) {
                int colon = h.indexOf(':');
                if (colon > 0 && h.substring(0, colon).equalsIgnoreCase(name)) {
                    return h.substring(colon + 1).strip();
                }
            }
            return null;
        }

        /** The body as UTF-8 text. */
        public String text() {
            return new String(body, StandardCharsets.UTF_8);
        }

        /** How many header fields of this name the response has. */
        public int count(String name) {
            int n = 0;
            for (String h : headers) {
                int colon = h.indexOf(':');
                if (colon > 0 && h.substring(0, colon).equalsIgnoreCase(name)) {
                    n++;
                }
            }
            return n;
        }

        Reply with(byte[] body, boolean chunked, boolean complete) {
            return new Reply(statusLine, status, headers, body, chunked, complete);
        }

        public boolean closes() {
            String c = header("Connection");
            return c != null && c.equalsIgnoreCase("close");
        }

        @Override
        public String toString() {
            return status + " " + headers + " " + text();
        }
    }
}
