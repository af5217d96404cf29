package dev.wisp.web.sse;

import java.time.Duration;
import java.util.Objects;

/**
 * Settings of an event stream.
 *
 * @param heartbeat how long the stream may stay silent before a heartbeat comment is sent
 *     (default 15 s). The comment keeps proxies from closing an idle stream and makes a write
 *     that finds out the client has gone; so a gone client is noticed within about one interval
 *     (two on some platforms, where the first write after the peer closed still succeeds). Must
 *     be positive.
 */
public record SseConfig(Duration heartbeat) {
    public static final Duration DEFAULT_HEARTBEAT = Duration.ofSeconds(15);

    public SseConfig {
        Objects.requireNonNull(heartbeat, "heartbeat");
        if (heartbeat.isNegative() || heartbeat.isZero()) {
            throw new IllegalArgumentException("SSE heartbeat must be positive, got " + heartbeat);
        }
    }

    /** Heartbeat every 15 s. */
    public static SseConfig defaults() {
        return new SseConfig(DEFAULT_HEARTBEAT);
    }

    public SseConfig withHeartbeat(Duration heartbeat) {
        return new SseConfig(heartbeat);
    }
}
