/**
 * What every protocol shares (internal): the {@link dev.wisp.server.core.Exchange} (admission
 * under the request cap, the handler call, the one classification of failures and the one 500),
 * the server's own {@link dev.wisp.server.core.Responses}, the protocol-neutral
 * {@link dev.wisp.server.core.ResponsePlan}, and the life of connections: the acceptor (which only
 * accepts), the {@link dev.wisp.server.core.ConnectionRegistry} with its permits, the
 * {@link dev.wisp.server.core.Watchdog} that enforces read and write timeouts, graceful shutdown,
 * and protocol selection on each connection's own virtual thread (TLS handshake and ALPN first).
 *
 * <p>A protocol plugs in by implementing {@link dev.wisp.server.core.Connection}: run on its own
 * virtual thread, publish the deadline of a blocked read and the start of a write, and react to
 * {@code beginShutdown} (HTTP/1.1 closes when idle; HTTP/2 sends GOAWAY; WebSocket a Close
 * 1001), {@code abort} and {@code kill}; timers of its own (a WebSocket session's idle timeout,
 * pings and close timeout) run from the watchdog's {@code tick(now)}.
 *
 * <p>Long-lived responses: the registry's {@link dev.wisp.server.core.ShutdownNotifier} is the
 * server's {@link dev.wisp.server.ShutdownSignal}; the exchange's
 * {@link dev.wisp.server.core.Exchange#requestAttributes()} put it on every request (one shared
 * instance, no allocation per request), and {@code beginShutdown} fires it before telling the
 * connections, so an event stream can end itself within the grace.
 */
package dev.wisp.server.core;
