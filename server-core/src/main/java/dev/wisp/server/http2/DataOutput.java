package dev.wisp.server.http2;

import java.io.IOException;
import java.io.OutputStream;

/**
 * The output stream a streamed response body ({@code Body.Stream}) writes to on HTTP/2: small
 * writes are gathered, {@link #flush()} pushes them as DATA at once, {@link #close()} ends the
 * stream. The HEADERS go out with the first DATA or flush, so a writer that fails before
 * producing anything still gets an honest error status. Used by the stream's thread only.
 */
final class DataOutput extends OutputStream {
    private static final int BUFFER = 8 * 1024;

    private final Http2Stream stream;
    private final FieldList fields;
    private final byte[] buf = new byte[BUFFER];
    private int len;
    private boolean closed;

    DataOutput(Http2Stream stream, FieldList fields) {
        this.stream = stream;
        this.fields = fields;
    }

    @Override
    public void write(int b) throws IOException {
        if (len == buf.length) {
            emit();
        }
        checkOpen();
        buf[len++] = (byte) b;
    }

    @Override
    public void write(byte[] b, int off, int n) throws IOException {
        checkOpen();
        java.util.Objects.checkFromIndexSize(off, n, b.length);
        if (n <= buf.length - len) {
            System.arraycopy(b, off, buf, len, n);
            len += n;
            return;
        }
        emit();
        if (n >= buf.length) {
            stream.sendData(b, off, n, false);
        } else {
            System.arraycopy(b, off, buf, 0, n);
            len = n;
        }
    }

    @Override
    public void flush() throws IOException {
        checkOpen();
        emit();
    }

    @Override
    public void close() throws IOException {
        if (!closed) {
            closed = true;
            if (!stream.commit(fields, len == 0)) {
                stream.sendData(buf, 0, len, true); // an empty DATA with END_STREAM when nothing is left
            }
        }
    }

    private void emit() throws IOException {
        stream.commit(fields, false);
        if (len > 0) {
            stream.sendData(buf, 0, len, false);
            len = 0;
        }
    }

    private void checkOpen() throws IOException {
        if (closed) {
            throw new IOException("Response body already finished");
        }
    }
}
