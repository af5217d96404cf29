package dev.wisp.sample;

import java.time.Duration;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;

/**
 * Wakes subscribers when events newer than theirs exist. It carries no events, only the highest
 * event id known to be committed (a high-water mark); subscribers read the events themselves from
 * the store ({@link TodoStore#eventsAfter}), which stays the source of truth. Because the mark is a
 * level and not a one-off signal, a publish that happens between a subscriber's read and its wait
 * is never missed:
 * <pre>{@code
 * long last = lastEventId;
 * while (open) {
 *     for (TodoEvent e : store.eventsAfter(last, 100)) { send(e); last = e.id(); }
 *     if (store.events().awaitAfter(last, Duration.ofSeconds(15)) <= last) sendHeartbeat();
 * }
 * }</pre>
 *
 * <p>Thread-safe. Waiting uses a {@link ReentrantLock}, so it parks a virtual thread without pinning
 * its carrier. Publishers are the store after a commit and, with PostgreSQL, the listener that
 * receives other instances' notifications.
 */
public final class EventBus {
    private final ReentrantLock lock = new ReentrantLock();
    private final Condition advanced = lock.newCondition();
    private long latest;

    /** Raises the mark to {@code eventId} (a lower id is ignored) and wakes every waiting subscriber. */
    public void publish(long eventId) {
        lock.lock();
        try {
            if (eventId > latest) {
                latest = eventId;
                advanced.signalAll();
            }
        } finally {
            lock.unlock();
        }
    }

    /** The highest event id published so far; 0 before any. */
    public long latest() {
        lock.lock();
        try {
            return latest;
        } finally {
            lock.unlock();
        }
    }

    /**
     * Waits until an event newer than {@code afterId} is published or {@code timeout} passes, and
     * returns the mark: greater than {@code afterId} when there is something to read, otherwise the
     * wait timed out (a subscriber's cue for a heartbeat).
     *
     * @throws InterruptedException when the waiting thread is interrupted (e.g. at shutdown)
     */
    public long awaitAfter(long afterId, Duration timeout) throws InterruptedException {
        long nanos = timeout.toNanos();
        lock.lock();
        try {
            while (latest <= afterId && nanos > 0) {
                nanos = advanced.awaitNanos(nanos);
            }
            return latest;
        } finally {
            lock.unlock();
        }
    }
}
