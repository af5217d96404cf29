package dev.wisp.server;

/**
 * A read-only, live view of what a running {@link Server} is doing, for gauges and health checks.
 * Each call reads the current value; none allocates or blocks.
 */
public interface ServerStats {

    /** Connections currently open, idle keep-alive ones included. */
    int openConnections();

    /** Requests whose handler is running now (admitted past {@code maxConcurrentRequests}). */
    int activeRequests();

    /** Requests waiting for admission under {@code maxConcurrentRequests}. */
    int queuedRequests();
}
