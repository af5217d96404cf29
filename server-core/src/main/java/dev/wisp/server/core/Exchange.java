package dev.wisp.server.core;

import dev.wisp.server.Attributes;
import dev.wisp.server.Handler;
import dev.wisp.server.HttpProtocolException;
import dev.wisp.server.Limits;
import dev.wisp.server.Request;
import dev.wisp.server.Response;
import dev.wisp.server.ShutdownSignal;
import java.lang.System.Logger.Level;
import java.util.concurrent.Semaphore;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.BooleanSupplier;

/**
 * One request through the application, the same for every protocol: admission under the
 * concurrency cap, the handler call, and the one classification of what can go wrong.
 *
 * <ul>
 *   <li>{@link HttpProtocolException} (a body that is malformed, too large or too slow) → its
 *       status and short fixed text; {@code Connection: close} when its framing is in doubt;</li>
 *   <li>interrupted during shutdown → no response (the shutdown has logged it);</li>
 *   <li>the peer went away under the handler → no response and no error log;</li>
 *   <li>anything else, or a {@code null} response → one logged 500 with a generic body.</li>
 * </ul>
 *
 * <p>Thread-safe; one instance per server.
 */
public final class Exchange {
    private static final System.Logger LOG = System.getLogger("dev.wisp.server");

    private final Handler handler;
    private final Semaphore permits;
    private final int maxQueued;
    private final BooleanSupplier closing;
    private final Attributes requestAttributes;
    private final AtomicInteger active = new AtomicInteger();
    private final AtomicInteger queued = new AtomicInteger();

    public Exchange(Handler handler, Limits limits, BooleanSupplier closing) {
        this(handler, limits, closing, null);
    }

    /** With the server's shutdown signal, which every request then carries ({@link #requestAttributes()}). */
    public Exchange(Handler handler, Limits limits, BooleanSupplier closing, ShutdownSignal shutdown) {
        this.requestAttributes = shutdown == null ? Attributes.empty() : Attributes.empty().with(ShutdownSignal.KEY, shutdown);
        this.handler = handler;
        this.permits = limits.hasRequestCap() ? new Semaphore(limits.maxConcurrentRequests()) : null;
        this.maxQueued = limits.maxQueuedRequests();
        this.closing = closing;
    }

    /**
     * The attributes every request of this server starts with (its {@link ShutdownSignal}): one
     * shared immutable instance, so a protocol that builds its requests with it pays nothing.
     */
    public Attributes requestAttributes() {
        return requestAttributes;
    }

    public int activeRequests() {
        return active.get();
    }

    public int queuedRequests() {
        return queued.get();
    }

    /**
     * Runs the handler for {@code request} and returns what to send, or {@code null} when nobody
     * is there to answer (the peer is gone, or a shutdown interrupted the handler).
     */
    public Response run(Request request, BooleanSupplier peerGone) {
        Response response;
        try {
            response = admitAndHandle(request);
        } catch (HttpProtocolException e) {
            // From the body stream: malformed, too large, too slow or cut short.
            return peerGone.getAsBoolean() ? null : Responses.error(e);
        } catch (Throwable t) {
            if (t instanceof InterruptedException && closing.getAsBoolean()) {
                LOG.log(Level.DEBUG, "request.end reason=shutdown target={0}", request.target());
                return null;
            }
            if (peerGone.getAsBoolean()) {
                LOG.log(Level.DEBUG, "request.end reason=peer_gone error={0}", t.toString());
                return null;
            }
            LOG.log(Level.ERROR, "handler.error method=" + request.method() + " target=" + request.target(), t);
            return Responses.internalError();
        }
        if (response == null) {
            LOG.log(Level.ERROR, "handler.error method={0} target={1} error=returned_null", request.method(),
                    request.target());
            return Responses.internalError();
        }
        return response;
    }

    /**
     * What to do when writing {@code request}'s response failed: the error response to send
     * instead when none of it has left yet ({@code committed} false), or {@code null} when the only
     * honest end is to close the connection (or stream).
     */
    public Response writeFailed(Request request, Throwable e, boolean peerGone, boolean committed) {
        if (peerGone) {
            // The client reset the connection or stopped reading (write timeout): not an error here.
            LOG.log(Level.DEBUG, "response.end reason=peer_gone error={0}", e.toString());
            return null;
        }
        if (e instanceof HttpProtocolException p) {
            // A streamed response read a request body that was malformed, too large or too slow.
            LOG.log(Level.DEBUG, "response.end reason=protocol_error status={0}", p.status());
            return committed ? null : Responses.error(p);
        }
        if (committed) {
            LOG.log(Level.ERROR, "response.error method=" + request.method() + " target=" + request.target()
                    + " reason=failed_after_start", e);
            return null;
        }
        LOG.log(Level.ERROR, "response.error method=" + request.method() + " target=" + request.target(), e);
        return Responses.internalError();
    }

    private Response admitAndHandle(Request request) throws Exception {
        if (permits == null) {
            return handle(request);
        }
        if (!permits.tryAcquire()) {
            if (queued.incrementAndGet() > maxQueued) {
                queued.decrementAndGet();
                LOG.log(Level.DEBUG, "request.reject reason=overloaded");
                return Responses.overloaded();
            }
            try {
                permits.acquire();
            } finally {
                queued.decrementAndGet();
            }
        }
        try {
            return handle(request);
        } finally {
            permits.release();
        }
    }

    private Response handle(Request request) throws Exception {
        active.incrementAndGet();
        try {
            return handler.handle(request);
        } finally {
            active.decrementAndGet();
        }
    }
}
