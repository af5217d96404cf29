package dev.wisp.server.core;

import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;

/**
 * Every open connection of a server, whatever its protocol, and the permits that cap how many
 * there are. The acceptor takes a permit before {@code accept()}, so at the cap new connections
 * wait in the OS backlog instead of costing memory or threads here.
 */
public final class ConnectionRegistry {
    private final Semaphore permits;
    private final Set<Connection> open = ConcurrentHashMap.newKeySet();
    private final ReentrantLock lock = new ReentrantLock();
    private final Condition allClosed = lock.newCondition();
    private final ShutdownNotifier shutdown = new ShutdownNotifier();
    private volatile boolean closing;

    public ConnectionRegistry(int maxConnections) {
        this.permits = new Semaphore(maxConnections);
    }

    /** Waits for room for one more connection. */
    public void acquirePermit() throws InterruptedException {
        permits.acquire();
    }

    /** Gives back a permit whose connection never started. */
    public void releasePermit() {
        permits.release();
    }

    /** Adds a connection that holds a permit. */
    public void add(Connection connection) {
        open.add(connection);
    }

    /** A connection has ended: frees its permit and wakes a shutdown waiting for the last one. */
    public void remove(Connection connection) {
        if (open.remove(connection)) {
            permits.release();
        }
        if (closing && open.isEmpty()) {
            lock.lock();
            try {
                allClosed.signalAll();
            } finally {
                lock.unlock();
            }
        }
    }

    public int size() {
        return open.size();
    }

    public Iterable<Connection> connections() {
        return open;
    }

    /** Whether a shutdown has begun; connections check it before waiting for more work. */
    public boolean closing() {
        return closing;
    }

    /** The signal that {@link #beginShutdown()} fires, for long-lived responses (event streams). */
    public ShutdownNotifier shutdownSignal() {
        return shutdown;
    }

    /**
     * Marks the shutdown, fires the {@link #shutdownSignal()} (event streams start to end), and
     * tells every connection to finish what it has in flight.
     */
    public void beginShutdown() {
        closing = true;
        shutdown.fire();
        for (Connection c : open) {
            c.beginShutdown();
        }
    }

    /** Kills every connection still open (past the grace). */
    public void killAll() {
        for (Connection c : open) {
            c.kill();
        }
    }

    /** Waits until no connection is open or {@code deadline} ({@link System#nanoTime()}) passes. */
    public boolean awaitEmpty(long deadline) {
        lock.lock();
        try {
            while (!open.isEmpty()) {
                long left = deadline - System.nanoTime();
                if (left <= 0) {
                    return false;
                }
                // Bounded wait: a connection that closed between isEmpty and here signals nobody.
                allClosed.awaitNanos(Math.min(left, TimeUnit.MILLISECONDS.toNanos(50)));
            }
            return true;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        } finally {
            lock.unlock();
        }
    }
}
