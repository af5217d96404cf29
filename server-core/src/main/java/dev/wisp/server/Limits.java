package dev.wisp.server;

/**
 * Size and count limits. Every value is finite: a client can never make the server buffer, queue
 * or wait without bound.
 *
 * <table>
 *   <caption>Defaults and what happens past them</caption>
 *   <tr><th>limit</th><th>default</th><th>past it</th></tr>
 *   <tr><td>maxRequestLineBytes</td><td>8 KiB</td><td>414, close</td></tr>
 *   <tr><td>maxHeaderBytes (all field lines)</td><td>16 KiB</td><td>431, close</td></tr>
 *   <tr><td>maxHeaderCount</td><td>100</td><td>431, close</td></tr>
 *   <tr><td>maxBodyBytes</td><td>10 MiB</td><td>413 and close: at the body's first read when its Content-Length is over (before any byte or 100 Continue), or when the chunked total passes it. A handler that never reads the body is not refused (the body is drained or the connection closed)</td></tr>
 *   <tr><td>maxDrainBytes (unread body discarded to keep a connection)</td><td>64 KiB</td><td>close instead</td></tr>
 *   <tr><td>maxConnections</td><td>10 000</td><td>new connections wait in the accept backlog</td></tr>
 *   <tr><td>maxConcurrentRequests (0 = no cap)</td><td>0</td><td>requests queue</td></tr>
 *   <tr><td>maxQueuedRequests</td><td>1 000</td><td>503</td></tr>
 *   <tr><td>readBufferBytes (per connection, grows for long lines)</td><td>4 KiB</td><td>—</td></tr>
 * </table>
 */
public record Limits(
        int maxRequestLineBytes,
        int maxHeaderBytes,
        int maxHeaderCount,
        long maxBodyBytes,
        int maxDrainBytes,
        int maxConnections,
        int maxConcurrentRequests,
        int maxQueuedRequests,
        int readBufferBytes) {

    public Limits {
        positive("maxRequestLineBytes", maxRequestLineBytes);
        positive("maxHeaderBytes", maxHeaderBytes);
        positive("maxHeaderCount", maxHeaderCount);
        if (maxBodyBytes < 0) throw new IllegalArgumentException("maxBodyBytes must be >= 0, got " + maxBodyBytes);
        if (maxDrainBytes < 0) throw new IllegalArgumentException("maxDrainBytes must be >= 0, got " + maxDrainBytes);
        positive("maxConnections", maxConnections);
        if (maxConcurrentRequests < 0) throw new IllegalArgumentException("maxConcurrentRequests must be >= 0 (0 means no cap), got " + maxConcurrentRequests);
        if (maxQueuedRequests < 0) throw new IllegalArgumentException("maxQueuedRequests must be >= 0, got " + maxQueuedRequests);
        if (readBufferBytes < 256) throw new IllegalArgumentException("readBufferBytes must be >= 256, got " + readBufferBytes);
    }

    private static void positive(String name, long value) {
        if (value <= 0) {
            throw new IllegalArgumentException(name + " must be > 0, got " + value);
        }
    }

    public static Limits defaults() {
        return new Limits(8 * 1024, 16 * 1024, 100, 10L * 1024 * 1024, 64 * 1024, 10_000, 0, 1_000, 4 * 1024);
    }

    public Limits withMaxRequestLineBytes(int v) {
        return new Limits(v, maxHeaderBytes, maxHeaderCount, maxBodyBytes, maxDrainBytes, maxConnections, maxConcurrentRequests, maxQueuedRequests, readBufferBytes);
    }

    public Limits withMaxHeaderBytes(int v) {
        return new Limits(maxRequestLineBytes, v, maxHeaderCount, maxBodyBytes, maxDrainBytes, maxConnections, maxConcurrentRequests, maxQueuedRequests, readBufferBytes);
    }

    public Limits withMaxHeaderCount(int v) {
        return new Limits(maxRequestLineBytes, maxHeaderBytes, v, maxBodyBytes, maxDrainBytes, maxConnections, maxConcurrentRequests, maxQueuedRequests, readBufferBytes);
    }

    public Limits withMaxBodyBytes(long v) {
        return new Limits(maxRequestLineBytes, maxHeaderBytes, maxHeaderCount, v, maxDrainBytes, maxConnections, maxConcurrentRequests, maxQueuedRequests, readBufferBytes);
    }

    public Limits withMaxDrainBytes(int v) {
        return new Limits(maxRequestLineBytes, maxHeaderBytes, maxHeaderCount, maxBodyBytes, v, maxConnections, maxConcurrentRequests, maxQueuedRequests, readBufferBytes);
    }

    public Limits withMaxConnections(int v) {
        return new Limits(maxRequestLineBytes, maxHeaderBytes, maxHeaderCount, maxBodyBytes, maxDrainBytes, v, maxConcurrentRequests, maxQueuedRequests, readBufferBytes);
    }

    /** Caps requests handled at once; past it up to {@code queued} wait and the rest get 503. */
    public Limits withMaxConcurrentRequests(int v, int queued) {
        return new Limits(maxRequestLineBytes, maxHeaderBytes, maxHeaderCount, maxBodyBytes, maxDrainBytes, maxConnections, v, queued, readBufferBytes);
    }

    public Limits withReadBufferBytes(int v) {
        return new Limits(maxRequestLineBytes, maxHeaderBytes, maxHeaderCount, maxBodyBytes, maxDrainBytes, maxConnections, maxConcurrentRequests, maxQueuedRequests, v);
    }
}
