package dev.wisp.web.sse;

import dev.wisp.server.BodyWriter;
import dev.wisp.server.Request;
import dev.wisp.server.ShutdownSignal;
import java.io.IOException;
import java.io.OutputStream;
import java.lang.System.Logger.Level;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;

/**
 * One client's event stream: the response's {@link BodyWriter} and the handler's {@link SseSink}.
 *
 * <p>State: open → closed, once. Everything that writes or changes state holds {@link #lock}, a
 * {@code ReentrantLock} (a virtual thread blocked on it or writing under it doesn't pin its
 * carrier). The heartbeat thread waits on {@link #changed} for the interval since the last write,
 * so it wakes at most once per interval and never writes while an event is being written.
 *
 * <p>Server shutdown: the stream registers with the request's {@link ShutdownSignal} and, when it
 * fires, closes itself from a new virtual thread (the signal's thread must not wait for a write
 * in progress). The producer then sees {@code isOpen()} false and sends fail; once the handler
 * returns the response ends properly (last chunk) and the connection closes.
 */
final class SseStream implements BodyWriter, SseSink {
    private static final System.Logger LOG = System.getLogger("dev.wisp.web");
    private static final byte[] HEARTBEAT = SseEvent.encodeComment("heartbeat");

    private final Request request;
    private final SseConfig config;
    private final SseHandler handler;
    private final ReentrantLock lock = new ReentrantLock();
    private final Condition changed = lock.newCondition();
    private final List<Runnable> onClose = new ArrayList<>(1);
    private OutputStream out;
    private boolean closed;
    private IOException failure;
    private long lastWriteNanos;

    SseStream(Request request, SseConfig config, SseHandler handler) {
        this.request = request;
        this.config = config;
        this.handler = handler;
    }

    @Override
    public void writeTo(OutputStream out) throws IOException {
        ShutdownSignal shutdown = request.attribute(ShutdownSignal.KEY);
        ShutdownSignal.Registration registration = shutdown == null ? null
                : shutdown.onShutdown(() -> Thread.ofVirtual().name("wisp-sse-shutdown").start(this::close));
        try {
            stream(out);
        } finally {
            if (registration != null) {
                registration.close();
            }
        }
    }

    private void stream(OutputStream out) throws IOException {
        lock.lock();
        try {
            this.out = out;
            // Send the head now: the client learns the stream is open before the first event.
            if (!write(null)) {
                if (failure == null) {
                    return; // closed before it started (a shutdown): the response just ends
                }
                throw failure;
            }
        } finally {
            lock.unlock();
        }
        Thread heartbeat = Thread.ofVirtual().name("wisp-sse-heartbeat").start(this::heartbeatLoop);
        try {
            handler.stream(this);
        } catch (IOException | RuntimeException | Error e) {
            throw e;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            if (isOpen()) {
                throw new IOException("Event stream interrupted", e);
            }
            // Interrupted after the stream was closed (a shutdown, or the client gone): the
            // producer's end, not a failure; the response ends as for a handler that returned.
        } catch (Exception e) {
            throw new IOException("Event stream handler failed", e);
        } finally {
            close();
            heartbeat.interrupt();
        }
        IOException failed = failureOrNull();
        if (failed != null) {
            // Let the server see the broken connection, as if it had failed writing itself.
            throw failed;
        }
    }

    private void heartbeatLoop() {
        long interval = config.heartbeat().toNanos();
        lock.lock();
        try {
            while (!closed) {
                long wait = lastWriteNanos + interval - System.nanoTime();
                if (wait > 0) {
                    changed.awaitNanos(wait);
                } else {
                    write(HEARTBEAT);
                }
            }
        } catch (InterruptedException e) {
            // The stream is over.
        } finally {
            lock.unlock();
        }
    }

    /** Writes and flushes under the lock; {@code null} just flushes. Closes the stream on failure. */
    private boolean write(byte[] bytes) {
        if (closed) {
            return false;
        }
        try {
            if (bytes != null) {
                out.write(bytes);
            }
            out.flush();
            lastWriteNanos = System.nanoTime();
            return true;
        } catch (IOException e) {
            failure = e;
            closeLocked();
            return false;
        }
    }

    @Override
    public boolean send(SseEvent event) {
        return writeUnderLock(event.encode()); // encoded outside the lock: that needs no ordering
    }

    @Override
    public boolean comment(String text) {
        return writeUnderLock(SseEvent.encodeComment(text));
    }

    private boolean writeUnderLock(byte[] bytes) {
        lock.lock();
        try {
            return write(bytes);
        } finally {
            lock.unlock();
        }
    }

    @Override
    public boolean isOpen() {
        lock.lock();
        try {
            return !closed;
        } finally {
            lock.unlock();
        }
    }

    @Override
    public void onClose(Runnable callback) {
        lock.lock();
        try {
            if (!closed) {
                onClose.add(callback);
                return;
            }
        } finally {
            lock.unlock();
        }
        run(callback);
    }

    @Override
    public void awaitClose() throws InterruptedException {
        lock.lock();
        try {
            while (!closed) {
                changed.await();
            }
        } finally {
            lock.unlock();
        }
    }

    @Override
    public boolean awaitClose(Duration timeout) throws InterruptedException {
        long nanos = timeout.toNanos();
        lock.lock();
        try {
            while (!closed) {
                if (nanos <= 0) {
                    return false;
                }
                nanos = changed.awaitNanos(nanos);
            }
            return true;
        } finally {
            lock.unlock();
        }
    }

    @Override
    public void close() {
        lock.lock();
        try {
            closeLocked();
        } finally {
            lock.unlock();
        }
    }

    /**
     * Marks the stream closed and runs the callbacks. Called with the lock held; the callbacks
     * run under it too, which is safe because the lock is reentrant and every sink method
     * returns at once on a closed stream.
     */
    private void closeLocked() {
        if (closed) {
            return;
        }
        closed = true;
        changed.signalAll();
        for (Runnable r : onClose) {
            run(r);
        }
        onClose.clear();
    }

    private static void run(Runnable callback) {
        try {
            callback.run();
        } catch (RuntimeException e) {
            LOG.log(Level.WARNING, "sse.close_callback_failed", e);
        }
    }

    private IOException failureOrNull() {
        lock.lock();
        try {
            return failure;
        } finally {
            lock.unlock();
        }
    }

    @Override
    public String lastEventId() {
        return request.headers().get("Last-Event-ID");
    }

    @Override
    public Request request() {
        return request;
    }

    @Override
    public String toString() {
        return "SseStream[" + request.path() + (isOpen() ? " open]" : " closed]");
    }
}
