package dev.wisp.web.testing;

import dev.wisp.web.sse.SseEvent;
import java.time.Duration;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

/**
 * The events of a {@code text/event-stream} as a test reads them: in order, each wait bounded.
 * From {@link TestResponse#events()} (no network) or {@link SseClient#events()} (a socket).
 * <pre>{@code
 * try (SseEvents events = TestRequest.get("/clock").send(app).events()) {
 *     assertEquals("tick", events.next(Duration.ofSeconds(5)).event());
 * }
 * }</pre>
 *
 * <p>Events and comments are kept in two queues, each in stream order, so a test can wait for a
 * heartbeat comment without losing the events around it. Nothing is dropped; the queues are
 * unbounded (a test stream is short). {@link #close()} acts as the client going away: the server
 * side's next send fails. Thread-safe.
 */
public final class SseEvents implements AutoCloseable {
    private static final Object END = new Object();
    private final BlockingQueue<Object> events = new LinkedBlockingQueue<>();
    private final BlockingQueue<Object> comments = new LinkedBlockingQueue<>();
    private final CountDownLatch ended = new CountDownLatch(1);
    private final Runnable closer;
    private volatile Throwable failure;

    SseEvents(Runnable closer) {
        this.closer = closer;
    }

    /** The parser listener that fills the queues. */
    SseParser.Listener listener() {
        return new SseParser.Listener() {
            @Override
            public void event(SseEvent event) {
                events.add(event);
            }

            @Override
            public void comment(String text) {
                comments.add(text);
            }
        };
    }

    /** Marks the end of the stream; {@code failure} is why it ended early, or {@code null}. */
    void end(Throwable failure) {
        this.failure = failure;
        events.add(END);
        comments.add(END);
        ended.countDown();
    }

    /**
     * The next event, waiting at most {@code timeout}. Throws {@link AssertionError} if none
     * arrives in time or the stream ends first.
     */
    public SseEvent next(Duration timeout) throws InterruptedException {
        return (SseEvent) take(events, timeout, "event");
    }

    /** The next comment line's text (after {@code ":"} and one space), like {@link #next}. */
    public String nextComment(Duration timeout) throws InterruptedException {
        return (String) take(comments, timeout, "comment");
    }

    private Object take(BlockingQueue<Object> queue, Duration timeout, String what) throws InterruptedException {
        Object o = queue.poll(timeout.toNanos(), TimeUnit.NANOSECONDS);
        if (o == null) {
            throw new AssertionError("no " + what + " within " + timeout);
        }
        if (o == END) {
            queue.add(END); // every later call sees the end too
            Throwable f = failure;
            throw new AssertionError("the event stream ended before the next " + what
                    + (f == null ? "" : " (" + f + ")"), f);
        }
        return o;
    }

    /** Waits for the server to end the stream; {@code true} if it did within the timeout. */
    public boolean awaitEnd(Duration timeout) throws InterruptedException {
        return ended.await(timeout.toNanos(), TimeUnit.NANOSECONDS);
    }

    /** Stops reading, as a client that goes away. */
    @Override
    public void close() {
        closer.run();
    }
}
