package dev.wisp.web;

import dev.wisp.server.Handler;
import dev.wisp.server.HttpProtocolException;
import java.io.IOException;
import java.io.InputStream;

/**
 * A route's or group's own request-body limit ({@link Routes#maxBodyBytes}), below the server's
 * {@code maxBodyBytes}, which stays the ceiling. The body is refused as the core refuses it: at
 * the first read when {@code Content-Length} is over (before a {@code 100 Continue} is invited),
 * or when the bytes read pass the limit; the refusal is {@link HttpProtocolException#bodyTooLarge},
 * which {@code ErrorMapping} renders as a 413 problem naming the limit. A handler that never reads
 * the body is not refused. Refusals are sticky: every later read throws the same exception.
 */
final class BodyLimit extends InputStream {
    private final InputStream in;
    private final long limit;
    private long declared; // Content-Length, -1 when absent or not one plain number; checked once
    private long count;
    private HttpProtocolException failure;

    private BodyLimit(InputStream in, long declared, long limit) {
        this.in = in;
        this.declared = declared;
        this.limit = limit;
    }

    /** {@code handler} with request bodies held to {@code limit} bytes. */
    static Handler wrap(Handler handler, long limit) {
        return request -> handler.handle(request.withBody(
                new BodyLimit(request.body(), contentLength(request.header("Content-Length")), limit)));
    }

    @Override
    public int read() throws IOException {
        byte[] one = new byte[1];
        int n = read(one, 0, 1);
        return n < 0 ? -1 : one[0] & 0xff;
    }

    @Override
    public int read(byte[] b, int off, int len) throws IOException {
        if (failure != null) {
            throw failure;
        }
        if (declared > limit) {
            throw failure = HttpProtocolException.bodyTooLarge(limit);
        }
        declared = -1;
        // One byte past the limit is enough to know it was passed.
        int n = in.read(b, off, (int) Math.min(len, limit - count + 1));
        if (n > 0 && (count += n) > limit) {
            throw failure = HttpProtocolException.bodyTooLarge(limit);
        }
        return n;
    }

    @Override
    public int available() throws IOException {
        return failure != null ? 0 : (int) Math.min(in.available(), Math.max(0, limit - count));
    }

    @Override
    public void close() throws IOException {
        in.close();
    }

    /** 1*DIGIT as the core accepted it; a repeated list ({@code 5, 5}) is left to the byte count. */
    private static long contentLength(String value) {
        if (value == null || value.isEmpty() || value.length() > 18) {
            return -1;
        }
        long v = 0;
        for (int i = 0; i < value.length(); i++) {
            char c = value.charAt(i);
            if (c < '0' || c > '9') {
                return -1;
            }
            v = v * 10 + (c - '0');
        }
        return v;
    }
}
