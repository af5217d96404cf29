package dev.wisp.server.http1;

import dev.wisp.server.HttpProtocolException;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.net.SocketTimeoutException;

/**
 * A request body read from the connection. It never reads past the end of its message, and
 * knows whether it has reached that end, so the connection can tell whether the next request
 * starts right after it.
 *
 * <p>Every failure a handler can see is an {@link HttpProtocolException} with the status to
 * answer: malformed framing, a body that ends early and a connection that fails mid-body are 400,
 * a body that stops arriving is 408, one past the limit 413. A handler's own timeouts and EOFs (from a database, say) are thus
 * never mistaken for the client's.
 */
public abstract class BodyInputStream extends InputStream {
    /** Called once, before the first byte is read: sends {@code 100 Continue} when expected. */
    private Runnable onFirstRead;
    /** The first failure; every later read throws it again, so a broken body never resyncs. */
    private HttpProtocolException failure;

    public void onFirstRead(Runnable action) {
        this.onFirstRead = action;
    }

    /** Drops the first-read action: the final response is going out, a 100 would come too late. */
    public void cancelFirstRead() {
        onFirstRead = null;
    }

    /** Whether reading the body failed; its framing is then unknown and the connection must close. */
    public boolean failed() {
        return failure != null;
    }

    protected final void beforeRead() {
        if (onFirstRead != null) {
            Runnable r = onFirstRead;
            onFirstRead = null;
            r.run();
        }
    }

    /** Whether the whole body has been consumed. */
    public abstract boolean isComplete();

    /** Whether any of the body has been read (so a {@code 100 Continue} went out if expected). */
    public boolean started() {
        return onFirstRead == null;
    }

    @Override
    public final int read(byte[] b, int off, int len) throws IOException {
        if (failure != null) {
            throw failure;
        }
        try {
            return readBody(b, off, len);
        } catch (SocketTimeoutException e) {
            failure = new HttpProtocolException(408, "Request body not received in time", true);
        } catch (EOFException e) {
            failure = HttpProtocolException.badRequest("Request body ended early: " + e.getMessage());
        } catch (HttpProtocolException e) {
            failure = e;
        } catch (IOException e) {
            // A reset mid-body: the client's doing, so it must not look like the handler's error.
            failure = new HttpProtocolException(400, "Connection failed while reading the request body", true);
        }
        throw failure;
    }

    /** Reads body bytes; may throw {@link EOFException} and {@link SocketTimeoutException}. */
    protected abstract int readBody(byte[] b, int off, int len) throws IOException;

    @Override
    public int read() throws IOException {
        byte[] one = new byte[1];
        int n = read(one, 0, 1);
        return n < 0 ? -1 : one[0] & 0xff;
    }

    /**
     * Copies the rest of the body in 64 KiB steps (the JDK's default is 16 KiB): an echo or an
     * upload to disk then costs a quarter of the reads and, into a streamed response, of the
     * chunks and writes.
     */
    @Override
    public long transferTo(java.io.OutputStream out) throws IOException {
        byte[] buffer = new byte[64 * 1024];
        long total = 0;
        int n;
        while ((n = read(buffer, 0, buffer.length)) >= 0) {
            out.write(buffer, 0, n);
            total += n;
        }
        return total;
    }

    /**
     * Reads and discards the rest of the body, up to {@code max} bytes. Returns whether the body
     * is now complete, in which case the connection can carry another request.
     */
    public boolean drain(long max) throws IOException {
        if (failure != null) {
            return false;
        }
        byte[] scratch = new byte[(int) Math.min(8192, Math.max(1, max))];
        long left = max;
        while (!isComplete() && left > 0) {
            int n = read(scratch, 0, (int) Math.min(scratch.length, left));
            if (n < 0) {
                break;
            }
            left -= n;
        }
        return isComplete();
    }

    /** A body of no bytes. */
    public static BodyInputStream empty() {
        return new BodyInputStream() {
            @Override
            public boolean isComplete() {
                return true;
            }

            @Override
            public boolean started() {
                return true;
            }

            @Override
            protected int readBody(byte[] b, int off, int len) {
                return -1;
            }
        };
    }
}
