package dev.wisp.server;

import java.time.Duration;
import java.util.List;
import java.util.Objects;
import java.util.Set;

/**
 * WebSocket limits and options. Every default is here:
 *
 * @param maxMessageBytes  largest incoming message, after decompression (default 16 MiB); past
 *                         it the session is closed with 1009 (RFC 6455 §7.4.1), which also stops
 *                         a decompression bomb
 * @param maxFrameBytes    largest incoming frame payload (default 16 MiB), refused with 1009 from
 *                         its header, before any of the payload is read
 * @param idleTimeout      no frame from the peer for this long closes the session with 1001
 *                         (default 5 minutes)
 * @param pingInterval     no frame from the peer for this long sends a Ping, which a live peer
 *                         answers (default 30 s); {@link Duration#ZERO} sends none
 * @param closeTimeout     how long to wait for the peer's Close after sending ours before
 *                         closing the connection anyway (default 5 s)
 * @param allowedOrigins   other browser origins allowed to open a session
 *                         ({@code "https://app.example"}), against Cross-Site WebSocket Hijacking.
 *                         A request without {@code Origin} (not a browser) or whose {@code Origin}
 *                         names the same host and port as its {@code Host} is always allowed;
 *                         {@code "*"} allows any. Default: none. A refused origin gets 403.
 * @param subprotocols     subprotocols this endpoint speaks; the first one the client offers (in the
 *                         client's order) that is in this list is chosen (default: none)
 * @param permessageDeflate whether to accept permessage-deflate (RFC 7692) when offered (default true)
 */
public record WebSocketConfig(
        int maxMessageBytes,
        int maxFrameBytes,
        Duration idleTimeout,
        Duration pingInterval,
        Duration closeTimeout,
        Set<String> allowedOrigins,
        List<String> subprotocols,
        boolean permessageDeflate) {

    public WebSocketConfig {
        if (maxMessageBytes < 125 || maxFrameBytes < 125) {
            throw new IllegalArgumentException("WebSocket maxMessageBytes and maxFrameBytes must be at least 125, got "
                    + maxMessageBytes + " and " + maxFrameBytes);
        }
        requirePositive(idleTimeout, "idleTimeout");
        requirePositive(closeTimeout, "closeTimeout");
        Objects.requireNonNull(pingInterval, "pingInterval");
        if (pingInterval.isNegative()) {
            throw new IllegalArgumentException("WebSocket pingInterval must be zero (no pings) or positive, got " + pingInterval);
        }
        allowedOrigins = Set.copyOf(allowedOrigins);
        subprotocols = List.copyOf(subprotocols);
    }

    private static void requirePositive(Duration d, String name) {
        Objects.requireNonNull(d, name);
        if (d.isNegative() || d.isZero()) {
            throw new IllegalArgumentException("WebSocket " + name + " must be positive, got " + d);
        }
    }

    private static final WebSocketConfig DEFAULTS = new WebSocketConfig(16 << 20, 16 << 20, Duration.ofMinutes(5),
            Duration.ofSeconds(30), Duration.ofSeconds(5), Set.of(), List.of(), true);

    /** The defaults above; one shared instance, so a route that answers with them allocates none. */
    public static WebSocketConfig defaults() {
        return DEFAULTS;
    }

    public WebSocketConfig withMaxMessageBytes(int bytes) {
        return new WebSocketConfig(bytes, maxFrameBytes, idleTimeout, pingInterval, closeTimeout, allowedOrigins, subprotocols, permessageDeflate);
    }

    public WebSocketConfig withMaxFrameBytes(int bytes) {
        return new WebSocketConfig(maxMessageBytes, bytes, idleTimeout, pingInterval, closeTimeout, allowedOrigins, subprotocols, permessageDeflate);
    }

    public WebSocketConfig withIdleTimeout(Duration timeout) {
        return new WebSocketConfig(maxMessageBytes, maxFrameBytes, timeout, pingInterval, closeTimeout, allowedOrigins, subprotocols, permessageDeflate);
    }

    public WebSocketConfig withPingInterval(Duration interval) {
        return new WebSocketConfig(maxMessageBytes, maxFrameBytes, idleTimeout, interval, closeTimeout, allowedOrigins, subprotocols, permessageDeflate);
    }

    public WebSocketConfig withCloseTimeout(Duration timeout) {
        return new WebSocketConfig(maxMessageBytes, maxFrameBytes, idleTimeout, pingInterval, timeout, allowedOrigins, subprotocols, permessageDeflate);
    }

    public WebSocketConfig withAllowedOrigins(String... origins) {
        return new WebSocketConfig(maxMessageBytes, maxFrameBytes, idleTimeout, pingInterval, closeTimeout, Set.of(origins), subprotocols, permessageDeflate);
    }

    public WebSocketConfig withSubprotocols(String... protocols) {
        return new WebSocketConfig(maxMessageBytes, maxFrameBytes, idleTimeout, pingInterval, closeTimeout, allowedOrigins, List.of(protocols), permessageDeflate);
    }

    public WebSocketConfig withPermessageDeflate(boolean enabled) {
        return new WebSocketConfig(maxMessageBytes, maxFrameBytes, idleTimeout, pingInterval, closeTimeout, allowedOrigins, subprotocols, enabled);
    }
}
