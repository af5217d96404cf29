package dev.wisp.server.core;

/**
 * One client connection as the registry, the watchdog and a shutdown see it, whatever protocol
 * it speaks. Implementations run on the connection's own virtual thread ({@link #run()}); every
 * other method is called from other threads and must be safe for that.
 */
public interface Connection extends Runnable {

    /** When the read blocked now must end ({@link System#nanoTime()}), or 0 when none is. */
    long readDeadlineNanos();

    /**
     * The read blocked with {@code observedDeadline} has passed it: wake it so that it fails with
     * a timeout. Does nothing if that read has finished meanwhile.
     */
    void expireRead(long observedDeadline);

    /** When the write under way started (or last made progress), or 0 when none is. */
    long writeStartedNanos();

    /**
     * A graceful shutdown has begun: take no new work and end as soon as what is in flight is
     * done (HTTP/1.1 closes now if idle, or after the current response; HTTP/2 sends GOAWAY;
     * WebSocket sends Close 1001).
     */
    void beginShutdown();

    /** Closes at once whatever it is doing: a write that stopped moving. */
    void abort();

    /**
     * The watchdog's periodic call ({@link System#nanoTime()}, a few times a second) for timers a
     * protocol keeps itself, such as a WebSocket session's idle timeout, automatic ping and close
     * timeout. Must not block. Default: nothing.
     */
    default void tick(long nowNanos) {
    }

    /** Past the shutdown grace: close, and interrupt handlers still running for it. */
    void kill();
}
