package dev.wisp.server.http1;

import dev.wisp.server.io.HttpDate;
import dev.wisp.server.io.HttpOutput;

import dev.wisp.server.Body;
import dev.wisp.server.Headers;
import dev.wisp.server.Response;
import dev.wisp.server.Status;
import dev.wisp.server.core.ResponsePlan;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.StandardOpenOption;

/**
 * Encodes a {@link Response} as HTTP/1.1 onto the connection (RFC 9112 §4, §6). The rules — which
 * fields are the server's, whether a body is sent, its length — come from {@link ResponsePlan};
 * whether the connection stays open is decided by the connection. This class only encodes:
 * {@code Content-Length} when the length is known, chunked for a stream on HTTP/1.1 and
 * close-delimited on HTTP/1.0.
 */
public final class ResponseWriter {
    private static final byte[][] STATUS_LINES = new byte[1000][];
    private static final byte[] CONTENT_LENGTH = "Content-Length: ".getBytes(StandardCharsets.US_ASCII);
    private static final byte[] CHUNKED = "Transfer-Encoding: chunked\r\n".getBytes(StandardCharsets.US_ASCII);
    private static final byte[] CLOSE = "Connection: close\r\n".getBytes(StandardCharsets.US_ASCII);
    private static final byte[] KEEP_ALIVE = "Connection: keep-alive\r\n".getBytes(StandardCharsets.US_ASCII);

    private final HttpOutput out;

    public ResponseWriter(HttpOutput out) {
        this.out = out;
    }

    /** Writes the head and body into the output buffer, flushing only what doesn't fit. */
    public void write(Response response, boolean headRequest, int minorVersion, boolean keepAlive) throws IOException {
        Headers headers = response.headers();
        boolean stream = ResponsePlan.streamed(response);
        boolean chunked = stream && minorVersion == 1;

        out.write(statusLine(response.status()));
        boolean hasDate = false;
        for (int i = 0; i < headers.size(); i++) {
            String name = headers.name(i);
            if (ResponsePlan.isServerOwnedField(name)) {
                continue;
            }
            hasDate |= name.equalsIgnoreCase("Date");
            out.writeAscii(name);
            out.write(':');
            out.write(' ');
            out.writeAscii(headers.value(i));
            out.writeCrlf();
        }
        if (!hasDate) {
            out.write(HttpDate.headerLine());
        }
        if (chunked && !headRequest) {
            out.write(CHUNKED);
        } else if (!stream) {
            long length = ResponsePlan.length(response, headRequest);
            if (length != ResponsePlan.UNKNOWN_LENGTH) {
                out.write(CONTENT_LENGTH);
                out.writeDecimal(length);
                out.writeCrlf();
            }
        }
        if (!keepAlive) {
            out.write(CLOSE);
        } else if (minorVersion == 0) {
            out.write(KEEP_ALIVE);
        }
        out.writeCrlf();

        if (ResponsePlan.sendsBody(response, headRequest)) {
            writeBody(response.body(), chunked);
        }
    }

    private void writeBody(Body body, boolean chunked) throws IOException {
        switch (body) {
            case Body.Empty e -> {
            }
            case Body.Bytes b -> out.write(b.bytes());
            case Body.File f -> {
                try (FileChannel file = FileChannel.open(f.path(), StandardOpenOption.READ)) {
                    out.transferFrom(file, f.offset(), f.length());
                }
            }
            case Body.Stream s -> {
                if (chunked) {
                    // Not try-with-resources: a writer that fails must not get a last chunk,
                    // or a truncated body would look complete to the client.
                    ChunkedOutputStream cos = new ChunkedOutputStream(out);
                    s.writer().writeTo(cos);
                    cos.close();
                } else {
                    s.writer().writeTo(new RawOutputStream(out));
                }
            }
        }
    }

    /** {@code HTTP/1.1 100 Continue} (RFC 9110 §10.1.1). */
    public void writeContinue() throws IOException {
        out.write(statusLine(100));
        out.writeCrlf();
        out.flush();
    }

    static byte[] statusLine(int status) {
        byte[] line = STATUS_LINES[status];
        if (line == null) {
            // Benign race: two threads may build the same immutable bytes.
            line = ("HTTP/1.1 " + status + " " + Status.reason(status) + "\r\n").getBytes(StandardCharsets.US_ASCII);
            STATUS_LINES[status] = line;
        }
        return line;
    }

    /** Chunked framing for a streamed body (RFC 9112 §7.1); small writes are gathered into chunks. */
    static final class ChunkedOutputStream extends OutputStream {
        private final HttpOutput out;
        private final byte[] chunk = new byte[8192];
        private int len;
        private boolean closed;

        ChunkedOutputStream(HttpOutput out) {
            this.out = out;
        }

        @Override
        public void write(int b) throws IOException {
            if (len == chunk.length) {
                emit();
            }
            chunk[len++] = (byte) b;
        }

        @Override
        public void write(byte[] b, int off, int n) throws IOException {
            if (closed) {
                throw new IOException("Response body already finished");
            }
            if (n <= chunk.length - len) {
                System.arraycopy(b, off, chunk, len, n);
                len += n;
                return;
            }
            emit();
            if (n >= chunk.length) {
                out.writeHex(n);
                out.writeCrlf();
                out.write(b, off, n);
                out.writeCrlf();
            } else {
                System.arraycopy(b, off, chunk, 0, n);
                len = n;
            }
        }

        private void emit() throws IOException {
            if (len > 0) {
                out.writeHex(len);
                out.writeCrlf();
                out.write(chunk, 0, len);
                out.writeCrlf();
                len = 0;
            }
        }

        @Override
        public void flush() throws IOException {
            emit();
            out.flush();
        }

        @Override
        public void close() throws IOException {
            if (!closed) {
                emit();
                closed = true;
                out.write('0');
                out.writeCrlf();
                out.writeCrlf();
            }
        }
    }

    /** The body as is, for a close-delimited HTTP/1.0 response. */
    static final class RawOutputStream extends OutputStream {
        private final HttpOutput out;

        RawOutputStream(HttpOutput out) {
            this.out = out;
        }

        @Override
        public void write(int b) throws IOException {
            out.write(b);
        }

        @Override
        public void write(byte[] b, int off, int n) throws IOException {
            out.write(b, off, n);
        }

        @Override
        public void flush() throws IOException {
            out.flush();
        }
    }
}
