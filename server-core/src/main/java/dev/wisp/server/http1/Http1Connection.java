package dev.wisp.server.http1;

import dev.wisp.server.Body;
import dev.wisp.server.ConnectionInfo;
import dev.wisp.server.Headers;
import dev.wisp.server.HttpProtocolException;
import dev.wisp.server.Limits;
import dev.wisp.server.Request;
import dev.wisp.server.Response;
import dev.wisp.server.ServerConfig;
import dev.wisp.server.core.Connection;
import dev.wisp.server.core.Exchange;
import dev.wisp.server.core.HeadTrace;
import dev.wisp.server.core.ResponsePlan;
import dev.wisp.server.core.Responses;
import dev.wisp.server.io.HttpInput;
import dev.wisp.server.io.HttpOutput;
import dev.wisp.server.io.Transport;
import dev.wisp.server.websocket.Handshake;
import dev.wisp.server.websocket.Session;
import java.io.EOFException;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.lang.System.Logger.Level;
import java.net.SocketTimeoutException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.BooleanSupplier;

/**
 * One HTTP/1.1 connection, served by one virtual thread in a straight line: wait for a request →
 * parse its head → decide framing → run the shared {@link Exchange} inline → write the response →
 * drain or close → loop. Nothing is handed to another thread; pipelined requests are simply read
 * from the buffer in order. The transport may be plain or TLS; this class doesn't know which.
 *
 * <p>State, for graceful shutdown: IDLE while waiting for the first byte of a request (the server
 * may close it then), BUSY from that byte until the response is written, CLOSED once taken by a
 * shutdown. The IDLE→BUSY and IDLE→CLOSED transitions race through one compare-and-set.
 *
 * <p>A {@link Body.WebSocket} response ends the HTTP loop: the handshake is checked, the 101
 * written, and this thread becomes the WebSocket session's reader until it ends
 * ({@link #upgrade}). From then on the watchdog's {@link #tick} drives the session's timers and
 * a shutdown sends it Close 1001.
 */
public final class Http1Connection implements Connection {
    private static final System.Logger LOG = System.getLogger("dev.wisp.server");
    private static final int IDLE = 0;
    private static final int BUSY = 1;
    private static final int CLOSED = 2;
    private static final int LINGER_MILLIS = 1000;
    private static final int LINGER_BYTES = 1 << 20;
    /**
     * Room for a typical response head and a small body. Larger bodies leave in one gathering
     * write next to the buffered head, so a bigger buffer would only cost memory on each of the
     * many idle keep-alive connections.
     */
    private static final int WRITE_BUFFER_BYTES = 1024;

    private final ServerConfig config;
    private final Limits limits;
    private final Exchange exchange;
    private final BooleanSupplier closing;
    private final Transport transport;
    private final ConnectionInfo info;
    private final HttpInput in;
    private final HttpOutput out;
    private final ResponseWriter writer;
    private final RequestReader reader;
    private final AtomicInteger state = new AtomicInteger(BUSY);
    private volatile Thread thread;
    /** Set once the connection switched to WebSocket; the HTTP state no longer applies. */
    private volatile Session session;

    public Http1Connection(ServerConfig config, Exchange exchange, BooleanSupplier closing, Transport transport,
                           ConnectionInfo info) {
        this.config = config;
        this.limits = config.limits();
        this.exchange = exchange;
        this.closing = closing;
        this.transport = transport;
        this.info = info;
        this.out = new HttpOutput(transport, WRITE_BUFFER_BYTES);
        this.in = new HttpInput(transport.input(), limits.http1().readBufferBytes(), this::flushBeforeBlocking);
        this.writer = new ResponseWriter(out);
        this.reader = new RequestReader(limits);
    }

    @Override
    public void run() {
        thread = Thread.currentThread();
        try {
            serve();
        } catch (EOFException | SocketTimeoutException e) {
            LOG.log(Level.DEBUG, "conn.close reason=peer remote={0}", info.remoteAddress());
        } catch (IOException | UncheckedIOException e) {
            LOG.log(Level.DEBUG, "conn.close reason=io_error remote={0} error={1}", info.remoteAddress(), e.toString());
        } catch (Throwable t) {
            LOG.log(Level.ERROR, "conn.close reason=server_bug remote=" + info.remoteAddress(), t);
        } finally {
            state.set(CLOSED);
            transport.close();
        }
    }

    private void serve() throws IOException {
        long idleMillis = config.timeouts().idle().toMillis();
        while (true) {
            if (in.buffered() == 0) {
                state.set(IDLE);
                if (closing.getAsBoolean()) {
                    return; // the shutdown may have looked at us before we became IDLE
                }
                in.perReadTimeout(idleMillis);
                try {
                    if (!in.awaitData()) {
                        return;
                    }
                } catch (SocketTimeoutException idle) {
                    LOG.log(Level.DEBUG, "conn.close reason=idle_timeout remote={0}", info.remoteAddress());
                    return;
                }
                if (!state.compareAndSet(IDLE, BUSY)) {
                    return;
                }
            }
            if (!serveOne()) {
                return;
            }
        }
    }

    /** Serves one request; returns whether the connection can carry another. */
    private boolean serveOne() throws IOException {
        var timeouts = config.timeouts();
        in.deadline(System.nanoTime() + timeouts.head().toNanos());
        RequestReader.Incoming incoming;
        try {
            incoming = reader.read(in);
            if (incoming == null) {
                return false;
            }
        } catch (HttpProtocolException e) {
            return fail(e.status(), e.getMessage());
        } catch (SocketTimeoutException e) {
            LOG.log(Level.DEBUG, "conn.close reason=head_timeout remote={0}", info.remoteAddress());
            return fail(408, "Request head not received in time");
        }
        RequestHead head = incoming.head();
        RequestTarget target = incoming.target();
        Framing framing = incoming.framing();
        BodyInputStream body = incoming.body();
        boolean expectContinue = incoming.expectContinue();
        in.perReadTimeout(timeouts.read().toMillis());
        if (expectContinue) {
            body.onFirstRead(this::sendContinue);
        }
        Request request = new Request(head.method(), head.target(), target.rawPath(), target.path(), target.query(),
                head.version(), head.headers(), info, body, exchange.requestAttributes());

        if (config.trace()) { HeadTrace.request(request); }
        Response response = exchange.run(request, this::peerGone);
        if (response == null) {
            return false; // nobody to answer: the peer is gone, or a shutdown interrupted the handler
        }
        if (response.body() instanceof Body.WebSocket ws) {
            upgrade(request, response, ws, framing == Framing.NONE);
            return false;
        }
        boolean headRequest = head.method().equals("HEAD");
        boolean continueMissed = false;
        if (expectContinue && !body.started()) {
            body.cancelFirstRead();
            if (ResponsePlan.streamed(response) && !headRequest) {
                // The stream may read the request body while the response is being written: the
                // 100 must go out now, before the final head (RFC 9110 §15.2).
                sendContinue();
            } else {
                continueMissed = true;
            }
        }
        boolean keepAlive = keepAlive(head, response, headRequest, body, framing, continueMissed);
        if (!send(request, response, headRequest, head.minorVersion(), keepAlive)) {
            return false;
        }
        if (keepAlive && !body.isComplete()) {
            try {
                keepAlive = body.drain(limits.http1().maxDrainBytes());
            } catch (IOException e) {
                keepAlive = false;
            }
        }
        if (!keepAlive) {
            close(body.isComplete() && in.buffered() == 0);
            return false;
        }
        if (in.buffered() == 0) {
            out.flush(); // no pipelined request waiting: send now
        }
        return true;
    }

    /**
     * The one place that decides whether the connection carries another request after this
     * response (RFC 9112 §9.3).
     */
    private boolean keepAlive(RequestHead head, Response response, boolean headRequest, BodyInputStream body,
                              Framing framing, boolean continueMissed) {
        Headers headers = head.headers();
        boolean requested = head.minorVersion() == 1
                ? !headers.containsToken("Connection", "close")
                : headers.containsToken("Connection", "keep-alive");
        if (!requested || closing.getAsBoolean() || ResponsePlan.asksToClose(response)) {
            return false;
        }
        if (head.minorVersion() == 0 && !headRequest && ResponsePlan.streamed(response)) {
            return false; // HTTP/1.0 has no chunked: the body ends when the connection does
        }
        if (continueMissed && !body.isComplete()) {
            // Too late for a 100: the client may or may not send the body now, so the next
            // request can't be found (RFC 9110 §10.1.1).
            return false;
        }
        // A body whose framing broke must never be resynchronised on; a large remainder isn't
        // worth reading.
        return !body.failed()
                && (body.isComplete() || framing.chunked() || framing.contentLength() <= limits.http1().maxDrainBytes());
    }

    /**
     * Writes the response. A streamed one is held in the buffer until its first body bytes or a
     * flush, so a writer that fails before producing anything still gets an honest error status.
     * Returns false if the connection had to be ended instead.
     */
    private boolean send(Request request, Response response, boolean headRequest, int minorVersion, boolean keepAlive)
            throws IOException {
        long start = out.position();
        boolean hold = !headRequest && ResponsePlan.streamed(response);
        if (hold) {
            out.holdFrom(start);
        }
        if (config.trace()) { HeadTrace.http1Response(request, response, headRequest, minorVersion, keepAlive); }
        try {
            writer.write(response, headRequest, minorVersion, keepAlive);
            return true;
        } catch (IOException | RuntimeException e) {
            Response error = exchange.writeFailed(request, e, peerGone(), out.sentSince(start));
            if (error == null) {
                return false;
            }
            out.truncate(start);
            out.release();
            writer.write(error, headRequest, 1, false);
            close(false);
            return false;
        } finally {
            out.release();
        }
    }

    /**
     * Answers a WebSocket response ({@link WebSocketUpgrade}): the handshake's error, or the 101
     * and then the session on this thread until it ends.
     */
    private void upgrade(Request request, Response response, Body.WebSocket ws, boolean noBody) throws IOException {
        Handshake.Result result = WebSocketUpgrade.check(request, ws, noBody);
        if (result instanceof Handshake.Reject reject) {
            LOG.log(Level.DEBUG, "websocket.reject status={0} remote={1}", reject.status(), info.remoteAddress());
            writer.write(WebSocketUpgrade.rejection(reject), false, 1, false);
            close(noBody && in.buffered() == 0);
            return;
        }
        Session s = WebSocketUpgrade.open(request, response, ws, (Handshake.Accept) result, in, out, writer,
                transport::close);
        session = s;
        if (closing.getAsBoolean()) {
            s.goingAway(); // the shutdown may have looked at us before the session was set
        }
        LOG.log(Level.DEBUG, "websocket.open path={0} remote={1}", request.path(), info.remoteAddress());
        s.run(ws.handler());
    }

    private void sendContinue() {
        try {
            writer.writeContinue();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Answers a request that can't be parsed with a short fixed text, then closes. */
    private boolean fail(int status, String message) {
        LOG.log(Level.DEBUG, "conn.close reason=protocol_error status={0} remote={1}", status, info.remoteAddress());
        try {
            writer.write(Responses.error(status, message, true), false, 1, false);
        } catch (IOException e) {
            return false;
        }
        close(false);
        return false;
    }

    private boolean peerGone() {
        return in.failed() || out.failed();
    }

    /**
     * Ends the connection. Closing with unread input makes TCP send a reset, which can destroy the
     * response before the client reads it; so unless the input is known to be clean, the write
     * side is shut first and what the client still sends is read and dropped for a moment
     * ("lingering close", as Apache and Go's net/http do).
     */
    private void close(boolean inputClean) {
        try {
            out.flush();
            transport.shutdownOutput();
            if (!inputClean) {
                in.consume(in.limit());
                in.perReadTimeout(LINGER_MILLIS);
                long deadline = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(LINGER_MILLIS);
                int read = 0;
                while (read < LINGER_BYTES && System.nanoTime() < deadline) {
                    int n = in.fill(1);
                    if (n < 0) {
                        break;
                    }
                    read += n;
                    in.consume(in.limit());
                }
            }
        } catch (IOException ignored) {
            // The peer is gone or too slow; closing is all that is left.
        }
        closeQuietly();
    }

    /**
     * Closes the connection now if it is waiting for a request; otherwise after the current
     * response. A WebSocket session gets Close 1001 (sent from another thread: never blocks).
     */
    @Override
    public void beginShutdown() {
        Session s = session;
        if (s != null) {
            s.goingAway();
            return;
        }
        if (state.compareAndSet(IDLE, CLOSED)) {
            transport.close();
        }
    }

    @Override
    public void abort() {
        transport.close();
    }

    @Override
    public void kill() {
        transport.close();
        Thread t = thread;
        if (t != null) {
            t.interrupt();
        }
    }

    @Override
    public void tick(long nowNanos) {
        Session s = session;
        if (s != null) {
            s.tick(nowNanos);
        }
    }

    @Override
    public long writeStartedNanos() {
        return out.writeStartedNanos();
    }

    @Override
    public long readDeadlineNanos() {
        return in.readDeadlineNanos();
    }

    /** The read under way passed its deadline: wake it with end-of-input; it reports a timeout. */
    @Override
    public void expireRead(long observedDeadline) {
        if (in.readDeadlineNanos() != observedDeadline) {
            return; // that read has finished meanwhile
        }
        in.expire();
        try {
            transport.shutdownInput();
        } catch (IOException e) {
            transport.close();
        }
    }

    private void flushBeforeBlocking() {
        if (session != null) {
            return; // every WebSocket frame is flushed under the sender's lock; this thread mustn't touch the output
        }
        try {
            out.flushBeforeHold();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private void closeQuietly() {
        transport.close();
    }
}
