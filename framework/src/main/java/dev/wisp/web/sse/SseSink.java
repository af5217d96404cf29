package dev.wisp.web.sse;

import dev.wisp.server.Request;
import java.time.Duration;

/**
 * Where an {@link SseHandler} sends events to one client.
 *
 * <p><b>Threads.</b> Every method may be called from any thread; sends are serialised (one event
 * is never interleaved with another or with a heartbeat) and each is flushed before it returns.
 * A send blocks while the client is slow to read: that is the back-pressure, there is no queue.
 *
 * <p><b>Lifetime.</b> The sink is open from the call of {@link SseHandler#stream} until the first
 * of: a write fails (the client has gone, or stopped reading for longer than the server's write
 * timeout), {@link #close()}, the server beginning a graceful shutdown (so a stream ends within
 * the shutdown grace instead of being cut), or the handler returning. After that every send returns
 * {@code false} and sends nothing. The close callbacks run once, on the thread that noticed.
 * Between events the stream is never cut by the server's write timeout, which only times a
 * write that is blocked; the heartbeat keeps proxies from timing it out.
 */
public interface SseSink {

    /** Sends and flushes one event; {@code false} if the stream is closed (nothing was sent). */
    boolean send(SseEvent event);

    /** Sends a message event with this data; {@code false} if the stream is closed. */
    default boolean send(String data) {
        return send(SseEvent.data(data));
    }

    /** Sends comment lines (ignored by clients); {@code false} if the stream is closed. */
    boolean comment(String text);

    /** Whether sends can still succeed. {@code false} once the client is known to be gone. */
    boolean isOpen();

    /**
     * Runs {@code callback} when the stream closes, or now if it already has. Use it to
     * unsubscribe from whatever feeds this sink. A callback that throws is logged and ignored.
     */
    void onClose(Runnable callback);

    /** Blocks until the stream closes; for handlers whose events come from another thread. */
    void awaitClose() throws InterruptedException;

    /** Blocks until the stream closes or the timeout passes; {@code true} if it closed. */
    boolean awaitClose(Duration timeout) throws InterruptedException;

    /** Closes the stream: the handler should return soon, which ends the response. */
    void close();

    /**
     * The {@code Last-Event-ID} the client sent when it reconnected, or {@code null} on a first
     * connection (HTML Living Standard §9.2.4): resume after that event.
     */
    String lastEventId();

    /** The request that opened this stream (path parameters, headers, attributes). */
    Request request();
}
