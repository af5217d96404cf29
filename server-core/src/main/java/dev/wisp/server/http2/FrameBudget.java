package dev.wisp.server.http2;

/**
 * A token bucket for frames that cost the server work but carry no request: {@code budget} events
 * at once, refilled at {@code budget} per second. The connection ends with ENHANCE_YOUR_CALM when
 * it is spent. Owned by the connection's reader; not thread-safe.
 */
final class FrameBudget {
    private final double capacity;
    private final double perNano;
    private double tokens;
    private long last;

    FrameBudget(int budget) {
        this.capacity = budget;
        this.perNano = budget / 1e9;
        this.tokens = budget;
        this.last = System.nanoTime();
    }

    /** Spends one event; throws GOAWAY ENHANCE_YOUR_CALM with {@code message} when none is left. */
    void spend(String message) throws Http2Exception {
        long now = System.nanoTime();
        tokens = Math.min(capacity, tokens + (now - last) * perNano);
        last = now;
        if (tokens < 1) {
            throw Http2Exception.connection(ErrorCode.ENHANCE_YOUR_CALM, message);
        }
        tokens -= 1;
    }
}
