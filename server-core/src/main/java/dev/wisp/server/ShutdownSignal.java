package dev.wisp.server;

/**
 * Tells long-lived responses that the server has begun a graceful shutdown, so that an event
 * stream, a feed or a long poll can end cleanly within the shutdown grace instead of being cut
 * when it expires. The server puts one on every request it makes, under {@link #KEY}:
 * {@code request.attribute(ShutdownSignal.KEY)} ({@code null} for a request no server made, such
 * as one built in a test).
 *
 * <p>Short responses need nothing: the server finishes them and closes the connection. WebSocket
 * sessions need nothing either: the server sends them Close 1001 itself.
 *
 * <p>Thread-safe. One instance per server, for its whole life.
 */
public interface ShutdownSignal {

    /** The attribute under which every request made by a server carries its signal. */
    AttributeKey<ShutdownSignal> KEY = AttributeKey.of("wisp.shutdownSignal");

    /** Whether the shutdown has begun. */
    boolean isShuttingDown();

    /**
     * Runs {@code callback} once when the shutdown begins, or now on this thread if it already has.
     * The callback runs on the thread that stops the server and must not block (hand slow work to
     * another thread); one that throws is logged and ignored. Close the returned registration when
     * the response ends, so that a server with many short streams keeps no callbacks for them.
     */
    Registration onShutdown(Runnable callback);

    /** A registered callback; {@link #close()} forgets it (idempotent). */
    interface Registration extends AutoCloseable {
        @Override
        void close();
    }
}
