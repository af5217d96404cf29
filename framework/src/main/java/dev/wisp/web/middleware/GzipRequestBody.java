package dev.wisp.web.middleware;

import dev.wisp.server.HttpProtocolException;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.util.zip.GZIPInputStream;
import java.util.zip.ZipException;

/**
 * A gzip request body, decoded as the handler reads it and bounded by its decoded size.
 *
 * <p>Nothing is read before the handler's first read, so {@code Expect: 100-continue} still waits
 * for the handler. Inflating never produces more than {@code max + 1} bytes: past {@code max} the
 * read throws a 413 {@link HttpProtocolException} naming the limit — a few kilobytes of zip bomb
 * cannot make the server inflate gigabytes (CWE-409). Data that is not gzip, or gzip cut short
 * before its trailer, is a 400; the wrapped stream's own errors (the client's body ending early, a
 * stall) pass through unchanged. Used by one thread, like the request body it wraps.
 */
final class GzipRequestBody extends InputStream {
    private final InputStream compressed;
    private final long max;
    private GZIPInputStream gzip;
    private long produced;

    GzipRequestBody(InputStream compressed, long max) {
        this.compressed = compressed;
        this.max = max;
    }

    @Override
    public int read() throws IOException {
        byte[] one = new byte[1];
        int n = read(one, 0, 1);
        return n < 0 ? -1 : one[0] & 0xff;
    }

    @Override
    public int read(byte[] b, int off, int len) throws IOException {
        if (len == 0) {
            return 0;
        }
        if (produced > max) {
            throw tooLarge();
        }
        // Ask for at most one byte past the limit: enough to tell "exactly max" from "more".
        int want = (int) Math.min(len, max - produced + 1);
        int n;
        try {
            if (gzip == null) {
                gzip = new GZIPInputStream(compressed, 8192);
            }
            n = gzip.read(b, off, want);
        } catch (HttpProtocolException e) {
            throw e;
        } catch (ZipException | EOFException e) {
            throw new HttpProtocolException(400, "The request body is not valid gzip data (Content-Encoding: gzip)", false);
        }
        if (n > 0) {
            produced += n;
            if (produced > max) {
                throw tooLarge();
            }
        }
        return n;
    }

    private HttpProtocolException tooLarge() {
        return new HttpProtocolException(413, "The decompressed request body is larger than the limit of " + max + " bytes", false);
    }

    @Override
    public void close() throws IOException {
        if (gzip != null) {
            gzip.close(); // frees the inflater; the server still drains or discards the raw body
        } else {
            compressed.close();
        }
    }
}
