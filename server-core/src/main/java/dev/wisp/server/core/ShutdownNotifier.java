package dev.wisp.server.core;

import dev.wisp.server.ShutdownSignal;
import java.lang.System.Logger.Level;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The server's {@link ShutdownSignal}: a flag and the callbacks registered by long-lived
 * responses. {@link #fire()} sets the flag, then runs and forgets every callback; a callback
 * registered while it runs sees the flag and runs at once, so none is missed.
 */
public final class ShutdownNotifier implements ShutdownSignal {
    private static final System.Logger LOG = System.getLogger("dev.wisp.server");
    private final Set<Runnable> callbacks = ConcurrentHashMap.newKeySet();
    private volatile boolean fired;

    @Override
    public boolean isShuttingDown() {
        return fired;
    }

    @Override
    public Registration onShutdown(Runnable callback) {
        Runnable once = new Once(callback);
        callbacks.add(once);
        if (fired && callbacks.remove(once)) {
            once.run(); // fired meanwhile: fire() may have missed it
        }
        return () -> callbacks.remove(once);
    }

    /** Marks the shutdown and runs every registered callback on this thread. */
    void fire() {
        fired = true;
        for (Runnable r : callbacks) {
            if (callbacks.remove(r)) {
                r.run();
            }
        }
    }

    /** Identity-keyed wrapper that logs a failing callback; the same lambda may register twice. */
    private record Once(Runnable callback) implements Runnable {
        @Override
        public void run() {
            try {
                callback.run();
            } catch (RuntimeException e) {
                LOG.log(Level.WARNING, "server.shutdown_callback_failed", e);
            }
        }

        @Override
        public boolean equals(Object o) {
            return this == o;
        }

        @Override
        public int hashCode() {
            return System.identityHashCode(this);
        }
    }
}
