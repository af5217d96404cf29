package dev.wisp.server.http1;

import dev.wisp.server.Attributes;
import dev.wisp.server.Headers;
import dev.wisp.server.HttpProtocolException;
import dev.wisp.server.Limits;
import dev.wisp.server.Request;
import dev.wisp.server.Response;
import java.io.EOFException;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.lang.System.Logger.Level;
import java.net.InetSocketAddress;
import java.net.SocketTimeoutException;
import java.nio.channels.SocketChannel;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * One client connection, served by one virtual thread in a straight line: wait for a request →
 * parse its head → decide framing → call the handler inline → write the response → drain or close
 * → loop. Nothing is handed to another thread; pipelined requests are simply read from the buffer
 * in order.
 *
 * <p>State, for graceful shutdown: IDLE while waiting for the first byte of a request (the server
 * may close it then), BUSY from that byte until the response is written, CLOSED once taken by a
 * shutdown. The IDLE→BUSY and IDLE→CLOSED transitions race through one compare-and-set.
 */
public final class Http1Connection implements Runnable {
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

    private final Http1Server server;
    private final SocketChannel channel;
    private final Limits limits;
    private final HttpInput in;
    private final HttpOutput out;
    private final ResponseWriter writer;
    private final RequestHeadParser parser;
    private final InetSocketAddress remote;
    private final InetSocketAddress local;
    private final AtomicInteger state = new AtomicInteger(BUSY);
    private volatile Thread thread;

    Http1Connection(Http1Server server, SocketChannel channel) throws IOException {
        this.server = server;
        this.channel = channel;
        this.limits = server.config().limits();
        this.out = new HttpOutput(channel, WRITE_BUFFER_BYTES);
        this.in = new HttpInput(channel.socket().getInputStream(), limits.readBufferBytes(), this::flushQuietly);
        this.writer = new ResponseWriter(out);
        this.parser = new RequestHeadParser(limits);
        this.remote = (InetSocketAddress) channel.getRemoteAddress();
        this.local = (InetSocketAddress) channel.getLocalAddress();
    }

    @Override
    public void run() {
        thread = Thread.currentThread();
        try {
            serve();
        } catch (EOFException | SocketTimeoutException e) {
            LOG.log(Level.DEBUG, "conn.close reason=peer remote={0}", remote);
        } catch (IOException | UncheckedIOException e) {
            LOG.log(Level.DEBUG, "conn.close reason=io_error remote={0} error={1}", remote, e.toString());
        } catch (Throwable t) {
            LOG.log(Level.ERROR, "conn.close reason=server_bug remote=" + remote, t);
        } finally {
            state.set(CLOSED);
            closeQuietly();
            server.connectionClosed(this);
        }
    }

    private void serve() throws IOException {
        long idleMillis = server.config().timeouts().idle().toMillis();
        while (true) {
            if (in.buffered() == 0) {
                state.set(IDLE);
                if (server.closing()) {
                    return; // the shutdown may have looked at us before we became IDLE
                }
                in.perReadTimeout(idleMillis);
                try {
                    if (!in.awaitData()) {
                        return;
                    }
                } catch (SocketTimeoutException idle) {
                    LOG.log(Level.DEBUG, "conn.close reason=idle_timeout remote={0}", remote);
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
        var timeouts = server.config().timeouts();
        in.deadline(System.nanoTime() + timeouts.head().toNanos());
        RequestHead head;
        Framing framing;
        RequestTarget target;
        boolean expectContinue;
        try {
            head = parser.parse(in);
            if (head == null) {
                return false;
            }
            checkHost(head);
            if (head.method().equals("CONNECT")) {
                throw new HttpProtocolException(501, "CONNECT is not supported", true);
            }
            target = RequestTarget.parse(head.method(), head.target());
            framing = Framing.of(head);
            expectContinue = expectsContinue(head, framing);
        } catch (HttpProtocolException e) {
            return fail(e.status(), e.getMessage());
        } catch (SocketTimeoutException e) {
            LOG.log(Level.DEBUG, "conn.close reason=head_timeout remote={0}", remote);
            return fail(408, "Request head not received in time");
        }

        BodyInputStream body = framing == Framing.NONE ? BodyInputStream.empty()
                : framing.chunked() ? new ChunkedInputStream(in, limits.maxBodyBytes(), limits.maxHeaderBytes(), limits.maxHeaderCount())
                : new FixedLengthInputStream(in, framing.contentLength(), limits.maxBodyBytes());
        in.perReadTimeout(timeouts.read().toMillis());
        if (expectContinue) {
            body.onFirstRead(this::sendContinue);
        }
        Headers headers = head.headers();
        boolean keepAlive = head.minorVersion() == 1
                ? !headers.containsToken("Connection", "close")
                : headers.containsToken("Connection", "keep-alive");
        Request request = new Request(head.method(), head.target(), target.rawPath(), target.path(), target.query(),
                head.version(), headers, remote, local, body, Attributes.empty());

        Response response;
        try {
            response = server.dispatch(request);
        } catch (HttpProtocolException e) {
            // From the body stream: malformed, too large, too slow or cut short.
            if (in.failed()) {
                return false;
            }
            return fail(e.status(), e.getMessage());
        } catch (Throwable t) {
            if (t instanceof InterruptedException && server.closing()) {
                // Interrupted by close() past the shutdown grace: already logged there.
                LOG.log(Level.DEBUG, "conn.close reason=shutdown remote={0}", remote);
                return false;
            }
            if (in.failed() || out.failed()) {
                // The client reset the connection under the handler: its doing, and no one to answer.
                LOG.log(Level.DEBUG, "conn.close reason=peer_gone remote={0} error={1}", remote, t.toString());
                return false;
            }
            LOG.log(Level.ERROR, "handler.error method=" + head.method() + " target=" + head.target(), t);
            response = Response.text(500, "Internal Server Error");
        }
        if (response == null) {
            LOG.log(Level.ERROR, "handler.error method={0} target={1} error=returned_null", head.method(), head.target());
            response = Response.text(500, "Internal Server Error");
        }

        if (server.closing()) {
            keepAlive = false;
        }
        if (expectContinue && !body.started()) {
            if (response.body() instanceof dev.wisp.server.Body.Stream) {
                // The stream may read the request body while the response is being written: the
                // 100 must go out now, before the final head (RFC 9110 §15.2).
                sendContinue();
                body.cancelFirstRead();
            } else {
                // Too late for a 100. The client may or may not send the body now, so the next
                // request can't be found: close after this response (RFC 9110 §10.1.1).
                body.cancelFirstRead();
                keepAlive = keepAlive && body.isComplete();
            }
        }
        if (body.failed() || (!body.isComplete() && !framing.chunked() && framing.contentLength() > limits.maxDrainBytes())) {
            // A body whose framing broke must never be resynchronised on; a large remainder
            // isn't worth reading.
            keepAlive = false;
        }

        long sentBefore = out.sent();
        int bufferedBefore = out.buffered();
        try {
            keepAlive = writer.write(response, head.method().equals("HEAD"), head.minorVersion(), keepAlive);
        } catch (IOException | RuntimeException e) {
            if (out.failed() || in.failed()) {
                // The client reset the connection or stopped reading (write timeout): not an error here.
                LOG.log(Level.DEBUG, "conn.close reason=peer_gone remote={0} error={1}", remote, e.toString());
                return false;
            }
            if (e instanceof HttpProtocolException p) {
                // A streamed response read a request body that was malformed, too large or too slow.
                LOG.log(Level.DEBUG, "conn.close reason=protocol_error status={0} remote={1}", p.status(), remote);
                if (out.sent() != sentBefore) {
                    return false;
                }
                out.truncate(bufferedBefore);
                return fail(p.status(), p.getMessage());
            }
            if (out.sent() != sentBefore) {
                // Part of the response is on the wire: the only honest end is to close.
                LOG.log(Level.ERROR, "response.error method=" + head.method() + " target=" + head.target()
                        + " reason=failed_after_start", e);
                return false;
            }
            LOG.log(Level.ERROR, "response.error method=" + head.method() + " target=" + head.target(), e);
            out.truncate(bufferedBefore);
            return fail(500, "Internal Server Error");
        }
        if (keepAlive && !body.isComplete()) {
            try {
                keepAlive = body.drain(limits.maxDrainBytes());
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

    /** RFC 9112 §3.2: exactly one Host on HTTP/1.1 (at most one on 1.0), with a valid value. */
    private static void checkHost(RequestHead head) throws HttpProtocolException {
        int count = head.headers().count("Host");
        if (count > 1 || (count == 0 && head.minorVersion() == 1)) {
            throw HttpProtocolException.badRequest("An HTTP/1.1 request needs exactly one Host header");
        }
        String host = head.headers().get("Host");
        if (host != null) {
            for (int i = 0; i < host.length(); i++) {
                char c = host.charAt(i);
                if (c > 127 || !Ascii.isTarget((byte) c) || c == '/' || c == '?' || c == '#' || c == '@') {
                    throw HttpProtocolException.badRequest("Invalid Host header");
                }
            }
        }
    }

    /** RFC 9110 §10.1.1: 100-continue is the only expectation; it is ignored on HTTP/1.0. */
    private static boolean expectsContinue(RequestHead head, Framing framing) throws HttpProtocolException {
        String expect = head.headers().get("Expect");
        if (expect == null || head.minorVersion() == 0) {
            return false;
        }
        if (!expect.equalsIgnoreCase("100-continue") || head.headers().count("Expect") > 1) {
            throw new HttpProtocolException(417, "Only the 100-continue expectation is supported", true);
        }
        return framing != Framing.NONE;
    }

    private void sendContinue() {
        try {
            writer.writeContinue();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Answers a request that can't be served with a short fixed text, then closes. */
    private boolean fail(int status, String message) {
        LOG.log(Level.DEBUG, "conn.close reason=protocol_error status={0} remote={1}", status, remote);
        try {
            writer.writeError(status, message);
        } catch (IOException e) {
            return false;
        }
        close(false);
        return false;
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
            channel.shutdownOutput();
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

    /** Closes the connection if it is waiting for a request; used by a graceful shutdown. */
    boolean closeIfIdle() {
        if (state.compareAndSet(IDLE, CLOSED)) {
            closeQuietly();
            return true;
        }
        return false;
    }

    /** Closes the connection whatever it is doing: a stuck write. */
    void abort() {
        closeQuietly();
    }

    /** Past the shutdown grace: close, and interrupt a handler that is still blocked. */
    void kill() {
        closeQuietly();
        Thread t = thread;
        if (t != null) {
            t.interrupt();
        }
    }

    long writeStartedNanos() {
        return out.writeStartedNanos();
    }

    long readDeadlineNanos() {
        return in.readDeadlineNanos();
    }

    /** The read under way passed its deadline: wake it with end-of-input; it reports a timeout. */
    void expireRead(long observedDeadline) {
        if (in.readDeadlineNanos() != observedDeadline) {
            return; // that read has finished meanwhile
        }
        in.expire();
        try {
            channel.shutdownInput();
        } catch (IOException e) {
            closeQuietly();
        }
    }

    private void flushQuietly() {
        try {
            out.flush();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private void closeQuietly() {
        try {
            channel.close();
        } catch (IOException ignored) {
            // Nothing more can be done for this connection.
        }
    }
}
