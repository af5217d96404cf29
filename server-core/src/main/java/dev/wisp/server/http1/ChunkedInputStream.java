package dev.wisp.server.http1;

import dev.wisp.server.io.Ascii;
import dev.wisp.server.io.HttpInput;

import dev.wisp.server.HttpProtocolException;
import java.io.EOFException;
import java.io.IOException;
import java.util.Objects;

/**
 * De-chunks a body (RFC 9112 §7.1). States: at a chunk-size line, inside chunk data, at the CRLF
 * after chunk data, and done once the last chunk and the trailer section have been read. Chunk
 * extensions are checked for syntax and ignored; trailer fields are parsed under the header limits
 * and dropped (none of them may change framing, and no handler has asked for them yet).
 * The running total is held to the body limit: past it, 413 and close.
 */
public final class ChunkedInputStream extends BodyInputStream {
    private static final int MAX_SIZE_LINE = 4096;
    /**
     * Framing bytes (size lines, extensions, CRLFs) allowed beyond 16 per data byte. Without a
     * bound, one-byte chunks with long extensions make a small body cost gigabytes of parsing
     * (Go's CVE-2023-39326); with it, the work stays linear in the data.
     */
    private static final long OVERHEAD_ALLOWANCE = 64 * 1024;

    private final HttpInput in;
    private final long maxBody;
    private final int maxTrailerBytes;
    private final int maxTrailerCount;
    private long chunkLeft;
    private long total;
    private long overhead;
    private boolean inData;
    private boolean done;

    public ChunkedInputStream(HttpInput in, long maxBody, int maxTrailerBytes, int maxTrailerCount) {
        this.in = in;
        this.maxBody = maxBody;
        this.maxTrailerBytes = maxTrailerBytes;
        this.maxTrailerCount = maxTrailerCount;
    }

    @Override
    protected int readBody(byte[] b, int off, int len) throws IOException {
        Objects.checkFromIndexSize(off, len, b.length);
        beforeRead();
        if (len == 0) {
            return 0;
        }
        while (!inData) {
            if (done) {
                return -1;
            }
            nextChunk();
        }
        int n = in.read(b, off, (int) Math.min(len, chunkLeft));
        if (n < 0) {
            throw new EOFException("Connection closed inside a chunk");
        }
        chunkLeft -= n;
        if (chunkLeft == 0) {
            expectCrlf();
            inData = false;
        }
        return n;
    }

    private void nextChunk() throws IOException {
        int lf = in.findLineEnd(MAX_SIZE_LINE);
        if (lf == HttpInput.EOF) {
            throw new EOFException("Connection closed before the last chunk");
        }
        if (lf == HttpInput.TOO_LONG) {
            throw HttpProtocolException.badRequest("Chunk size line too long");
        }
        byte[] b = in.buffer();
        int start = in.position();
        if (lf == start || b[lf - 1] != '\r') {
            throw HttpProtocolException.badRequest("Chunk size line must end with CRLF");
        }
        int end = lf - 1;
        overhead += lf + 3 - start; // the size line and the CRLF after the data
        if (overhead > OVERHEAD_ALLOWANCE + 16 * total) {
            throw HttpProtocolException.badRequest("Too much chunk framing for the data it carries");
        }
        long size = 0;
        int i = start;
        for (; i < end; i++) {
            int d = Ascii.hexValue(b[i]);
            if (d < 0) {
                break;
            }
            if (i - start >= 15) {
                throw HttpProtocolException.badRequest("Chunk size too large");
            }
            size = size << 4 | d;
        }
        if (i == start) {
            throw HttpProtocolException.badRequest("Invalid chunk size");
        }
        checkExtensions(b, i, end);
        in.consume(lf + 1);
        total += size;
        if (total > maxBody) {
            throw HttpProtocolException.bodyTooLarge(maxBody);
        }
        if (size == 0) {
            RequestHeadParser.parseFields(in, maxTrailerBytes, maxTrailerCount);
            done = true;
        } else {
            chunkLeft = size;
            inData = true;
        }
    }

    /** chunk-ext = *( BWS ";" BWS name [ BWS "=" BWS value ] ); only the shape is checked. */
    private static void checkExtensions(byte[] b, int i, int end) throws HttpProtocolException {
        while (i < end && (b[i] == ' ' || b[i] == '\t')) {
            i++;
        }
        if (i == end) {
            return;
        }
        if (b[i] != ';') {
            throw HttpProtocolException.badRequest("Invalid chunk size");
        }
        for (; i < end; i++) {
            if (!Ascii.isFieldValue(b[i])) {
                throw HttpProtocolException.badRequest("Invalid chunk extension");
            }
        }
    }

    private void expectCrlf() throws IOException {
        int cr = in.read();
        int lf = cr < 0 ? -1 : in.read();
        if (cr < 0 || lf < 0) {
            throw new EOFException("Connection closed after chunk data");
        }
        if (cr != '\r' || lf != '\n') {
            throw HttpProtocolException.badRequest("Chunk data longer than its declared size");
        }
    }

    @Override
    public int available() {
        return inData ? (int) Math.min(chunkLeft, in.buffered()) : 0;
    }

    @Override
    public boolean isComplete() {
        return done;
    }
}
