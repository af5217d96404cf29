package dev.wisp.server.core;

import java.lang.System.Logger.Level;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;

/**
 * Enforces every connection's timeouts, a few times a second: a blocked read past its deadline is
 * woken to fail (head → 408, idle → silent close, TLS handshake → close); a write that has not
 * moved for the write timeout means the client stopped reading, and the connection is closed.
 * Each scan also gives every connection a {@link Connection#tick} for timers of its own (WebSocket).
 * One thread scanning beats a timer per read: timed parks would double the CPU cost of a request.
 */
public final class Watchdog {
    private static final System.Logger LOG = System.getLogger("dev.wisp.server");
    private static final long PERIOD_NANOS = TimeUnit.MILLISECONDS.toNanos(100);

    private final ConnectionRegistry registry;
    private final long writeLimitNanos;
    private final Thread thread;
    private volatile boolean stopped;

    public Watchdog(ConnectionRegistry registry, Duration writeTimeout, String name) {
        this.registry = registry;
        this.writeLimitNanos = writeTimeout.toNanos();
        this.thread = Thread.ofPlatform().name(name).daemon().unstarted(this::loop);
    }

    public void start() {
        thread.start();
    }

    public void stop() {
        stopped = true;
        LockSupport.unpark(thread);
    }

    private void loop() {
        while (!stopped) {
            LockSupport.parkNanos(PERIOD_NANOS);
            long now = System.nanoTime();
            for (Connection c : registry.connections()) {
                c.tick(now);
                long readDeadline = c.readDeadlineNanos();
                if (readDeadline != 0 && now - readDeadline > 0) {
                    c.expireRead(readDeadline);
                }
                long started = c.writeStartedNanos();
                if (started != 0 && now - started > writeLimitNanos) {
                    LOG.log(Level.DEBUG, "conn.close reason=write_timeout");
                    c.abort();
                }
            }
        }
    }
}
