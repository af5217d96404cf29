package dev.wisp.server.http2;

import dev.wisp.server.Body;
import dev.wisp.server.Request;
import dev.wisp.server.Response;
import dev.wisp.server.core.Exchange;
import dev.wisp.server.core.HeadTrace;
import dev.wisp.server.core.ResponsePlan;
import dev.wisp.server.core.Responses;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.StandardOpenOption;

/**
 * One request/response exchange on an HTTP/2 connection, run on its own virtual thread: the
 * shared {@link Exchange} (admission, handler, error policy), then the response as HEADERS and
 * DATA through the connection's writer, each DATA frame within the client's stream and
 * connection windows. Fields touched by the reader ({@link #recvState}) are the reader's alone;
 * {@link #send} is guarded by the connection's flow-control lock.
 */
final class Http2Stream implements Runnable {
    private static final int FILE_CHUNK = 16 * 1024;

    final int id;
    final StreamBody body;
    /** The client's credit for this stream's DATA (RFC 9113 §6.9); guarded by the connection's flow lock. */
    final FlowWindow send;
    /** What the client has sent on this stream (only its half of §5.1); the reader's alone. */
    StreamState recvState;
    private final Http2Connection connection;
    private final Request request;
    private final Response canned;
    private volatile boolean reset;
    private final java.util.concurrent.atomic.AtomicBoolean resetOnce = new java.util.concurrent.atomic.AtomicBoolean();
    private volatile boolean responseDone;
    private volatile Thread thread;
    private boolean headersSent;
    private final java.util.concurrent.atomic.AtomicBoolean slotHeld = new java.util.concurrent.atomic.AtomicBoolean(true);

    /** {@code canned}: the server's own answer (431, 400…), sent without running the handler. */
    Http2Stream(Http2Connection connection, int id, StreamBody body, int sendWindow, Request request, Response canned,
                boolean endStream) {
        this.connection = connection;
        this.id = id;
        this.body = body;
        this.send = new FlowWindow(id, sendWindow);
        this.request = request;
        this.canned = canned;
        this.recvState = endStream ? StreamState.HALF_CLOSED_REMOTE : StreamState.OPEN;
    }

    @Override
    public void run() {
        thread = Thread.currentThread();
        try {
            if (connection.trace() && request != null) {
                HeadTrace.request(request);
            }
            Response response = canned != null ? canned : connection.exchange().run(request, this::peerGone);
            if (response == null) {
                reset(ErrorCode.CANCEL); // nobody to answer: the client reset it, or a shutdown interrupted it
            } else {
                respond(response);
            }
        } finally {
            releaseSlot();
            responseDone = true;
            body.discard();
            if (!reset && !body.ended()) {
                // A complete response before the whole request: stop the client sending (RFC 9113 §8.1).
                reset(ErrorCode.NO_ERROR);
            }
            connection.streamFinished(this, reset);
        }
    }

    /** Whether the response has been sent (or given up): a client reset after that is not counted. */
    boolean responseDone() {
        return responseDone;
    }

    boolean isReset() {
        return reset;
    }

    void interrupt() {
        Thread t = thread;
        if (t != null) {
            t.interrupt();
        }
    }

    /** The client reset the stream, or the connection ended: the handler's reads and writes fail. */
    void peerReset() {
        reset = true;
        body.fail(new IOException("stream reset by the client"));
        connection.flow.wakeCreditWaiters();
    }

    /** Resets the stream from this side with {@code code} (once). */
    void reset(ErrorCode code) {
        if (!resetOnce.compareAndSet(false, true) || reset) {
            return; // reset already, by us (the reader or this thread) or by the client
        }
        reset = true;
        releaseSlot();
        connection.writer().rstStream(id, code);
        body.fail(new IOException("stream reset: " + code));
        connection.flow.wakeCreditWaiters();
    }

    /** Gives the stream's concurrency slot back (once): its last frame is about to be queued. */
    private void releaseSlot() {
        if (slotHeld.compareAndSet(true, false)) {
            connection.slots.decrementAndGet();
        }
    }

    private boolean peerGone() {
        return reset || connection.failed();
    }

    private void respond(Response response) {
        try {
            send(response);
        } catch (IOException | RuntimeException e) {
            Response error = connection.exchange().writeFailed(request, e, peerGone(), headersSent);
            if (error == null) {
                reset(ErrorCode.INTERNAL_ERROR);
                return;
            }
            try {
                send(error);
            } catch (IOException | RuntimeException again) {
                reset(ErrorCode.INTERNAL_ERROR);
            }
        }
    }

    private void send(Response response) throws IOException {
        if (response.body() instanceof Body.WebSocket) {
            // A WebSocket over HTTP/2 needs RFC 8441's extended CONNECT, which Wisp doesn't offer;
            // the client must open the socket over HTTP/1.1.
            response = Responses.error(400, "WebSocket needs an HTTP/1.1 connection", false);
        }
        boolean head = request != null && request.method().equals("HEAD");
        if (connection.trace() && request != null) {
            HeadTrace.http2Response(request, response, head);
        }
        FieldList fields = ResponseFields.of(response, head);
        Body content = response.body();
        if (!ResponsePlan.sendsBody(response, head) || content instanceof Body.Empty
                || (content instanceof Body.Bytes b && b.bytes().length == 0)) {
            commit(fields, true);
            return;
        }
        switch (content) {
            case Body.Bytes b -> {
                commit(fields, false);
                sendData(b.bytes(), 0, b.bytes().length, true);
            }
            case Body.File f -> sendFile(fields, f);
            case Body.Stream s -> {
                DataOutput out = new DataOutput(this, fields);
                s.writer().writeTo(out);
                out.close(); // not on failure: a body cut short must not look complete (a reset follows)
            }
            case Body.Empty e -> commit(fields, true);
            case Body.WebSocket w -> throw new IllegalStateException("replaced above");
        }
    }

    private void sendFile(FieldList fields, Body.File f) throws IOException {
        try (FileChannel file = FileChannel.open(f.path(), StandardOpenOption.READ)) {
            commit(fields, f.length() == 0);
            byte[] chunk = new byte[(int) Math.min(FILE_CHUNK, Math.max(1, f.length()))];
            long position = f.offset();
            long left = f.length();
            while (left > 0) {
                ByteBuffer buf = ByteBuffer.wrap(chunk, 0, (int) Math.min(chunk.length, left));
                int n = file.read(buf, position);
                if (n <= 0) {
                    throw new IOException("file shorter than its announced length");
                }
                position += n;
                left -= n;
                sendData(chunk, 0, n, left == 0);
            }
        }
    }

    /**
     * Sends the response's HEADERS once; the first DATA or a flush of a streamed body calls it.
     * Returns whether this call sent them with END_STREAM, so the stream has ended.
     */
    boolean commit(FieldList fields, boolean endStream) throws IOException {
        if (headersSent) {
            return false;
        }
        if (endStream) {
            releaseSlot();
        }
        connection.writer().headers(id, fields, endStream);
        headersSent = true;
        return endStream;
    }

    /** Sends {@code len} octets as DATA frames, waiting for window credit as needed (never holding the writer). */
    void sendData(byte[] b, int off, int len, boolean endStream) throws IOException {
        if (len == 0 && !endStream) {
            return;
        }
        while (true) {
            int n = len == 0 ? 0 : connection.flow.acquireCredit(this, len);
            boolean last = endStream && n == len;
            if (last) {
                releaseSlot();
            }
            connection.writer().data(id, b, off, n, last);
            off += n;
            len -= n;
            if (len == 0) {
                return;
            }
        }
    }
}
