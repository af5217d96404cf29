package dev.wisp.server;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;
import java.util.function.BooleanSupplier;
import java.util.function.Supplier;

/** Waiting on a condition with a deadline: polls every few milliseconds, never sleeps blindly. */
public final class Await {
    private static final long POLL_NANOS = TimeUnit.MILLISECONDS.toNanos(5);

    private Await() {
    }

    /** Returns once {@code condition} holds; fails with {@code what} and the last observed state after {@code timeout}. */
    public static void until(String what, Duration timeout, BooleanSupplier condition, Supplier<Object> state) {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() - deadline > 0) {
                throw new AssertionError("timed out after " + timeout.toMillis() + " ms waiting for " + what
                        + " (last seen: " + state.get() + ")");
            }
            LockSupport.parkNanos(POLL_NANOS);
        }
    }

    /** Open file descriptors of this process (Linux: the entries of /proc/self/fd). */
    public static int openFileDescriptors() {
        try (var entries = Files.list(Path.of("/proc/self/fd"))) {
            return (int) entries.count() - 1; // the directory stream counts itself
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
