package dev.wisp.server;

/**
 * Size and count limits, grouped: what every protocol shares here, what only one protocol has in
 * its own record ({@link Http1Limits}, {@link Http2Limits}). Every value is finite: a client can never make the server
 * buffer, queue or wait without bound.
 *
 * <table>
 *   <caption>Defaults and what happens past them</caption>
 *   <tr><th>limit</th><th>default</th><th>past it</th></tr>
 *   <tr><td>maxBodyBytes</td><td>10 MiB</td><td>413 and close: at the body's first read when its Content-Length is over (before any byte or 100 Continue), or when the received total passes it. A handler that never reads the body is not refused (the body is drained or the connection closed)</td></tr>
 *   <tr><td>maxConnections</td><td>10 000</td><td>new connections wait in the accept backlog</td></tr>
 *   <tr><td>maxConcurrentRequests ({@link #NO_REQUEST_CAP} = no cap)</td><td>no cap</td><td>requests queue</td></tr>
 *   <tr><td>maxQueuedRequests</td><td>1 000</td><td>503</td></tr>
 *   <tr><td>http1</td><td>{@link Http1Limits#defaults()}</td><td>see there</td></tr>
 *   <tr><td>http2</td><td>{@link Http2Limits#defaults()}</td><td>see there</td></tr>
 * </table>
 */
public record Limits(long maxBodyBytes, int maxConnections, int maxConcurrentRequests, int maxQueuedRequests,
                     Http1Limits http1, Http2Limits http2) {

    /** {@link #maxConcurrentRequests} value that lets every request run at once. */
    public static final int NO_REQUEST_CAP = 0;

    public Limits {
        if (maxBodyBytes < 0) {
            throw new IllegalArgumentException("maxBodyBytes must be >= 0, got " + maxBodyBytes);
        }
        positive("maxConnections", maxConnections);
        if (maxConcurrentRequests < 0) {
            throw new IllegalArgumentException("maxConcurrentRequests must be >= 0 (NO_REQUEST_CAP means no cap), got "
                    + maxConcurrentRequests);
        }
        if (maxQueuedRequests < 0) {
            throw new IllegalArgumentException("maxQueuedRequests must be >= 0, got " + maxQueuedRequests);
        }
        java.util.Objects.requireNonNull(http1, "http1");
        java.util.Objects.requireNonNull(http2, "http2");
    }

    static void positive(String name, long value) {
        if (value <= 0) {
            throw new IllegalArgumentException(name + " must be > 0, got " + value);
        }
    }

    public static Limits defaults() {
        return new Limits(10L * 1024 * 1024, 10_000, NO_REQUEST_CAP, 1_000, Http1Limits.defaults(), Http2Limits.defaults());
    }

    /** Whether {@link #maxConcurrentRequests} caps handlers. */
    public boolean hasRequestCap() {
        return maxConcurrentRequests != NO_REQUEST_CAP;
    }

    public Limits withMaxBodyBytes(long v) {
        return new Limits(v, maxConnections, maxConcurrentRequests, maxQueuedRequests, http1, http2);
    }

    public Limits withMaxConnections(int v) {
        return new Limits(maxBodyBytes, v, maxConcurrentRequests, maxQueuedRequests, http1, http2);
    }

    /** Caps requests handled at once; past it up to {@code queued} wait and the rest get 503. */
    public Limits withMaxConcurrentRequests(int v, int queued) {
        return new Limits(maxBodyBytes, maxConnections, v, queued, http1, http2);
    }

    public Limits withHttp1(Http1Limits v) {
        return new Limits(maxBodyBytes, maxConnections, maxConcurrentRequests, maxQueuedRequests, v, http2);
    }

    public Limits withHttp2(Http2Limits v) {
        return new Limits(maxBodyBytes, maxConnections, maxConcurrentRequests, maxQueuedRequests, http1, v);
    }

    /** Shortcut for {@code withHttp1(http1().withMaxRequestLineBytes(v))}. */
    public Limits withMaxRequestLineBytes(int v) {
        return withHttp1(http1.withMaxRequestLineBytes(v));
    }

    /** Shortcut for {@code withHttp1(http1().withMaxHeaderBytes(v))}. */
    public Limits withMaxHeaderBytes(int v) {
        return withHttp1(http1.withMaxHeaderBytes(v));
    }

    /** Shortcut for {@code withHttp1(http1().withMaxHeaderCount(v))}. */
    public Limits withMaxHeaderCount(int v) {
        return withHttp1(http1.withMaxHeaderCount(v));
    }

    /** Shortcut for {@code withHttp1(http1().withMaxDrainBytes(v))}. */
    public Limits withMaxDrainBytes(int v) {
        return withHttp1(http1.withMaxDrainBytes(v));
    }

    /** Shortcut for {@code withHttp1(http1().withReadBufferBytes(v))}. */
    public Limits withReadBufferBytes(int v) {
        return withHttp1(http1.withReadBufferBytes(v));
    }
}
