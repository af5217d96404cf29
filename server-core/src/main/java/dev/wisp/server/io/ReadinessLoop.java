package dev.wisp.server.io;

import java.io.IOException;
import java.lang.System.Logger.Level;
import java.nio.channels.CancelledKeyException;
import java.nio.channels.ClosedSelectorException;
import java.nio.channels.SelectableChannel;
import java.nio.channels.SelectionKey;
import java.nio.channels.Selector;
import java.util.Locale;
import java.util.concurrent.TimeUnit;

/**
 * The server's own readiness loop for plain connections: one {@link Selector} in which every
 * plain connection stays registered for reading, level-triggered, from its first wait to its close.
 *
 * <p>Why it exists (issue 15's census, {@code bench/RESULTS.md}): a virtual thread blocked in the
 * JDK's {@code SocketChannel.read} first reads (EAGAIN when the next keep-alive request has not
 * come yet), then re-arms a one-shot registration in the JDK's poller ({@code epoll_ctl}) and
 * parks — four system calls per request where an event loop makes two. Here a connection that
 * has just answered parks without reading; when its socket turns readable this loop reads the
 * request into the buffer the thread left and unparks it. The registration never changes on that
 * path, so a keep-alive request costs one {@code read}, one {@code write} and a share of one
 * {@code epoll_wait}. The connection's thread still does all the protocol work.
 *
 * <p>The loop is a virtual thread: it polls without blocking while there is work, yields after
 * each batch so that the threads it woke run (their next requests batch up meanwhile), and parks
 * in the JDK's poller only when a few polls in a row found nothing. (A platform thread blocking in
 * {@code epoll_wait} instead measured twice the CPU per request: every batch then crosses
 * threads.) {@value #MODE_PROPERTY}{@code =jdk} turns the loop off — the JDK's blocking reads —
 * to compare the two in benchmarks.
 */
public final class ReadinessLoop implements AutoCloseable {
    /** The system property that turns the loop off with {@code jdk}; {@code loop} is the default. */
    public static final String MODE_PROPERTY = "dev.wisp.server.poller";

    private static final System.Logger LOG = System.getLogger("dev.wisp.server");
    private static final int EMPTY_POLLS_BEFORE_PARKING = 2;

    /** What a registered channel's attachment implements: called on the loop's thread. */
    interface Ready {
        void ready(SelectionKey key, int readyOps);

        /** The loop can no longer watch this connection: close it rather than leave it parked. */
        void close();
    }

    private final Selector selector;
    private final Thread thread;
    private volatile boolean stopped;
    /** In (or about to enter) a blocking selection: only then does a change need a wake-up. */
    private volatile boolean parked;

    private ReadinessLoop(String name) throws IOException {
        this.selector = Selector.open();
        this.thread = Thread.ofVirtual().name(name).unstarted(this::loop);
    }

    /**
     * Starts a loop, or returns null when {@value #MODE_PROPERTY} is {@code jdk} (plain connections
     * then use the JDK's blocking reads).
     */
    public static ReadinessLoop startConfigured(String name) throws IOException {
        String mode = System.getProperty(MODE_PROPERTY, "loop").trim().toLowerCase(Locale.ROOT);
        return switch (mode) {
            case "loop" -> start(name);
            case "jdk" -> null;
            default -> throw new IllegalArgumentException("-D" + MODE_PROPERTY + "=" + mode
                    + " is not a poller mode: use loop (the default) or jdk");
        };
    }

    public static ReadinessLoop start(String name) throws IOException {
        ReadinessLoop loop = new ReadinessLoop(name);
        loop.thread.start();
        return loop;
    }

    /** Registers {@code channel} (non-blocking) for {@code ops}; takes effect at once. */
    SelectionKey register(SelectableChannel channel, int ops, Ready attachment) throws IOException {
        SelectionKey key = channel.register(selector, ops, attachment);
        wakeup();
        return key;
    }

    /**
     * Makes a blocked selection return, so that interest changes and cancelled keys take effect.
     * A loop that is not blocked takes them at its next pass anyway, so the wake-up (an eventfd
     * write, then its read and an extra pass) is spared: the caller queued its change under the
     * selector's lock before reading {@code parked}, and the loop sets {@code parked} before it
     * takes that lock to apply the queue, so one of the two always sees the other.
     */
    void wakeup() {
        if (parked) {
            selector.wakeup();
        }
    }

    private void loop() {
        try {
            int empty = 0;
            while (!stopped) {
                // Poll without blocking while there is work; after a batch, let the woken
                // connections run before polling again (their requests batch up meanwhile). An
                // empty poll yields too, a few times, before parking: parking in the JDK's poller
                // and being woken by it costs more than the empty polls when work comes back soon.
                if (selector.selectNow(this::dispatch) > 0) {
                    empty = 0;
                    Thread.yield();
                } else if (++empty <= EMPTY_POLLS_BEFORE_PARKING) {
                    Thread.yield();
                } else {
                    empty = 0;
                    parked = true;
                    try {
                        selector.select(this::dispatch); // parks this virtual thread in the JDK's poller
                    } finally {
                        parked = false;
                    }
                }
            }
        } catch (ClosedSelectorException e) {
            // Closed by close(): done.
        } catch (IOException | RuntimeException e) {
            if (stopped) {
                return;
            }
            // Never seen, but if the selector breaks, its connections would wait forever: end them.
            LOG.log(Level.ERROR, "poller.failed error={0}", e.toString());
            try {
                for (SelectionKey key : selector.keys()) {
                    ((Ready) key.attachment()).close();
                }
            } catch (RuntimeException again) {
                LOG.log(Level.ERROR, "poller.failed error={0}", again.toString());
            }
        }
    }

    private void dispatch(SelectionKey key) {
        try {
            ((Ready) key.attachment()).ready(key, key.readyOps());
        } catch (CancelledKeyException e) {
            // Closed meanwhile; its owner has been told by close().
        }
    }

    /** Stops the loop; every connection registered with it must be closed already. */
    @Override
    public void close() {
        stopped = true;
        selector.wakeup(); // unconditionally: this one must not be missed
        try {
            thread.join(TimeUnit.SECONDS.toMillis(5));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        try {
            selector.close();
        } catch (IOException e) {
            LOG.log(Level.DEBUG, "poller.close error={0}", e.toString());
        }
    }
}
