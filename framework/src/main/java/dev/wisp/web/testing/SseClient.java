package dev.wisp.web.testing;

import java.io.BufferedInputStream;
import java.io.ByteArrayOutputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;

/**
 * A minimal Server-Sent Events client over a plain socket, for tests against a running server
 * (for instance the one REST-assured talks to):
 * <pre>{@code
 * try (SseClient client = SseClient.connect(URI.create("http://127.0.0.1:" + port + "/clock"))) {
 *     assertEquals(200, client.status());
 *     SseEvent tick = client.events().next(Duration.ofSeconds(5));
 * }
 * }</pre>
 *
 * <p>Sends one HTTP/1.1 {@code GET} with {@code Accept: text/event-stream} and any extra headers
 * (such as {@code Last-Event-ID}), reads the response head (at most 64 KiB), and then parses the
 * body (chunked, fixed-length or until close) on a virtual thread into {@link #events()}.
 * {@link #close()} closes the socket, which is how a browser tab going away looks to the server.
 * Plain {@code http} only; no redirects, no reconnection.
 */
public final class SseClient implements AutoCloseable {
    private static final int MAX_HEAD_BYTES = 64 * 1024;
    private static final int MAX_LINE_BYTES = 1 << 20;
    private final Socket socket;
    private final int status;
    private final Map<String, String> headers;
    private final SseEvents events;

    private SseClient(Socket socket, int status, Map<String, String> headers, SseEvents events) {
        this.socket = socket;
        this.status = status;
        this.headers = headers;
        this.events = events;
    }

    /**
     * Connects, sends the request and reads the response head (a 10 s connect and head timeout).
     * {@code headers} are name, value pairs.
     */
    public static SseClient connect(URI uri, String... headers) throws IOException {
        if (!"http".equals(uri.getScheme()) || headers.length % 2 != 0) {
            throw new IllegalArgumentException("SseClient needs an http:// URI and header name, value pairs, got " + uri);
        }
        int port = uri.getPort() < 0 ? 80 : uri.getPort();
        String target = (uri.getRawPath() == null || uri.getRawPath().isEmpty() ? "/" : uri.getRawPath())
                + (uri.getRawQuery() == null ? "" : "?" + uri.getRawQuery());
        StringBuilder request = new StringBuilder("GET ").append(target).append(" HTTP/1.1\r\nHost: ")
                .append(uri.getHost()).append(':').append(port).append("\r\nAccept: text/event-stream\r\n");
        for (int i = 0; i < headers.length; i += 2) {
            request.append(headers[i]).append(": ").append(headers[i + 1]).append("\r\n");
        }
        request.append("\r\n");
        Socket socket = new Socket();
        try {
            socket.connect(new InetSocketAddress(uri.getHost(), port), 10_000);
            socket.setSoTimeout(10_000);
            OutputStream out = socket.getOutputStream();
            out.write(request.toString().getBytes(StandardCharsets.UTF_8));
            out.flush();
            InputStream in = new BufferedInputStream(socket.getInputStream());
            String statusLine = readLine(in, new int[] {MAX_HEAD_BYTES});
            int[] budget = {MAX_HEAD_BYTES};
            Map<String, String> fields = new LinkedHashMap<>();
            for (String line = readLine(in, budget); !line.isEmpty(); line = readLine(in, budget)) {
                int colon = line.indexOf(':');
                if (colon > 0) {
                    fields.merge(line.substring(0, colon).toLowerCase(Locale.ROOT),
                            line.substring(colon + 1).strip(), (a, b) -> a + ", " + b);
                }
            }
            if (!statusLine.startsWith("HTTP/1.") || statusLine.length() < 12) {
                throw new IOException("Not an HTTP/1.x response: " + statusLine);
            }
            int status = Integer.parseInt(statusLine.substring(9, 12));
            socket.setSoTimeout(0); // an event stream may be silent for long; the test's waits are bounded
            InputStream body = bodyOf(in, fields);
            SseEvents events = new SseEvents(() -> closeQuietly(socket));
            SseClient client = new SseClient(socket, status, fields, events);
            Thread.ofVirtual().name("wisp-sse-client").start(() -> client.readLoop(body));
            return client;
        } catch (IOException | RuntimeException e) {
            closeQuietly(socket);
            throw e;
        }
    }

    private static InputStream bodyOf(InputStream in, Map<String, String> fields) {
        String te = fields.get("transfer-encoding");
        if (te != null && te.toLowerCase(Locale.ROOT).endsWith("chunked")) {
            return new Dechunker(in);
        }
        String length = fields.get("content-length");
        return length == null ? in : new BoundedStream(in, Long.parseLong(length));
    }

    private void readLoop(InputStream body) {
        SseParser parser = new SseParser(events.listener(), MAX_LINE_BYTES);
        byte[] buf = new byte[8192];
        Throwable failure = null;
        try {
            for (int n; (n = body.read(buf)) != -1; ) {
                parser.feed(buf, 0, n);
            }
        } catch (IOException e) {
            failure = socket.isClosed() ? null : e; // closed by us: an ordinary end
        } finally {
            events.end(failure);
            closeQuietly(socket);
        }
    }

    public int status() {
        return status;
    }

    /** A response header (values of a repeated name joined with ", "), or {@code null}. */
    public String header(String name) {
        return headers.get(name.toLowerCase(Locale.ROOT));
    }

    public SseEvents events() {
        return events;
    }

    @Override
    public void close() {
        closeQuietly(socket);
    }

    private static void closeQuietly(Socket socket) {
        try {
            socket.close();
        } catch (IOException ignored) {
            // Nothing left to do.
        }
    }

    /** A CRLF- or LF-terminated line, counting against the head budget. */
    private static String readLine(InputStream in, int[] budget) throws IOException {
        ByteArrayOutputStream line = new ByteArrayOutputStream(64);
        for (int b; (b = in.read()) != '\n'; ) {
            if (b == -1) {
                throw new EOFException("Connection closed inside the response head");
            }
            if (--budget[0] < 0) {
                throw new IOException("Response head longer than " + MAX_HEAD_BYTES + " bytes");
            }
            line.write(b);
        }
        String s = line.toString(StandardCharsets.ISO_8859_1);
        return s.endsWith("\r") ? s.substring(0, s.length() - 1) : s;
    }

    /** A chunked body (RFC 9112 §7.1): sizes, extensions skipped, trailers skipped. */
    private static final class Dechunker extends InputStream {
        private final InputStream in;
        private long left;
        private boolean done;

        Dechunker(InputStream in) {
            this.in = in;
        }

        @Override
        public int read() throws IOException {
            byte[] one = new byte[1];
            return read(one, 0, 1) == -1 ? -1 : one[0] & 0xff;
        }

        @Override
        public int read(byte[] b, int off, int len) throws IOException {
            if (done) {
                return -1;
            }
            if (left == 0) {
                int[] budget = {4096};
                String size = readLine(in, budget);
                int semi = size.indexOf(';');
                left = Long.parseLong((semi < 0 ? size : size.substring(0, semi)).strip(), 16);
                if (left == 0) {
                    while (!readLine(in, budget).isEmpty()) {
                        // trailer fields
                    }
                    done = true;
                    return -1;
                }
            }
            int n = in.read(b, off, (int) Math.min(len, left));
            if (n == -1) {
                throw new EOFException("Connection closed inside a chunk");
            }
            left -= n;
            if (left == 0 && !readLine(in, new int[] {2}).isEmpty()) {
                throw new IOException("Chunk not followed by CRLF");
            }
            return n;
        }
    }

    /** A body of known length. */
    private static final class BoundedStream extends InputStream {
        private final InputStream in;
        private long left;

        BoundedStream(InputStream in, long length) {
            this.in = in;
            this.left = length;
        }

        @Override
        public int read() throws IOException {
            if (left == 0) {
                return -1;
            }
            int b = in.read();
            if (b != -1) {
                left--;
            }
            return b;
        }

        @Override
        public int read(byte[] b, int off, int len) throws IOException {
            if (left == 0) {
                return -1;
            }
            int n = in.read(b, off, (int) Math.min(len, left));
            if (n > 0) {
                left -= n;
            }
            return n;
        }
    }
}
