package dev.wisp.server;

import dev.wisp.server.core.ServerRuntime;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.Objects;

/**
 * A running HTTP/1.1 server.
 *
 * <pre>{@code
 * try (var server = Server.start(ServerConfig.defaults().withPort(8080),
 *                                request -> Response.text("Hello, World!"))) {
 *     server.await();
 * }
 * }</pre>
 *
 * <p>One platform thread accepts; each connection is served by its own virtual thread, which calls
 * the handler inline. {@link #close()} is graceful: it stops accepting, closes idle keep-alive
 * connections, lets in-flight requests finish within {@link Timeouts#shutdownGrace()}, and returns.
 */
public final class Server implements AutoCloseable {
    private final ServerRuntime server;

    private Server(ServerRuntime server) {
        this.server = server;
    }

    /**
     * Binds and starts serving. Throws {@link UncheckedIOException} with the address in the
     * message if the port can't be bound (in use, or not permitted).
     */
    public static Server start(ServerConfig config, Handler handler) {
        Objects.requireNonNull(config, "config");
        Objects.requireNonNull(handler, "handler");
        try {
            return new Server(ServerRuntime.start(config, handler));
        } catch (IOException e) {
            throw new UncheckedIOException(e.getMessage(), e);
        }
    }

    /** The bound port; the one the OS picked when the config asked for port 0. */
    public int port() {
        return server.port();
    }

    /** Connections currently open (idle keep-alive ones included). */
    public int openConnections() {
        return server.openConnections();
    }

    /** A live, read-only view of connections and requests, for metrics and health checks. */
    public ServerStats stats() {
        return server;
    }

    /**
     * Requests admitted past {@link Limits#maxConcurrentRequests()} that are waiting for a slot
     * (at most {@link Limits#maxQueuedRequests()}); always 0 when there is no cap. A snapshot, for
     * monitoring and tests.
     */
    public int queuedRequests() {
        return server.queuedRequests();
    }

    /** Blocks until the server has been closed (from another thread or a shutdown hook). */
    public void await() {
        server.awaitStop();
    }

    /** Graceful stop; returns once every connection is closed, within the shutdown grace period. */
    @Override
    public void close() {
        server.close();
    }
}
