package dev.wisp.server.http2;

/**
 * A send window (RFC 9113 §6.9): the credit the peer has granted for DATA on one stream, or on
 * the connection (stream 0). Sending takes credit; WINDOW_UPDATE gives it back; a change of the
 * peer's SETTINGS_INITIAL_WINDOW_SIZE shifts every stream window by the difference, which may
 * leave it negative (§6.9.2). No window may pass 2^31-1 (§6.9.1).
 *
 * <p>A plain value: the connection guards each window with its own lock (one that does not pin a
 * carrier thread) and wakes the writers waiting for credit.
 */
public final class FlowWindow {
    private final int streamId;
    private long window;

    /** @param streamId 0 for the connection window; its errors are then connection errors */
    public FlowWindow(int streamId, int initial) {
        this.streamId = streamId;
        this.window = initial;
    }

    /** The credit that may be spent now: 0 when the window is exhausted or negative. */
    public int available() {
        return (int) Math.max(0, window);
    }

    /** The window itself, which may be negative after a SETTINGS change. */
    public long size() {
        return window;
    }

    /** Takes {@code n} octets of credit for a DATA frame being sent (padding included). */
    public void consume(int n) {
        if (n < 0 || n > available()) {
            throw new IllegalStateException("sending " + n + " octets with " + available() + " of credit");
        }
        window -= n;
    }

    /**
     * Adds a WINDOW_UPDATE's increment (1..2^31-1, checked by the frame decoder).
     *
     * @throws Http2Exception FLOW_CONTROL_ERROR when the window would pass 2^31-1: a stream error
     *         for a stream window, a connection error for the connection's (§6.9.1)
     */
    public void increment(int increment) throws Http2Exception {
        if (window + increment > Frame.MAX_WINDOW) {
            if (streamId == 0) {
                throw Http2Exception.connection(ErrorCode.FLOW_CONTROL_ERROR, "connection window past 2^31-1");
            }
            throw Http2Exception.stream(streamId, ErrorCode.FLOW_CONTROL_ERROR, "stream window past 2^31-1");
        }
        window += increment;
    }

    /**
     * Applies a change of SETTINGS_INITIAL_WINDOW_SIZE to a stream window (§6.9.2): adds
     * {@code newInitial - oldInitial}, which may make the window negative.
     *
     * @throws Http2Exception a connection FLOW_CONTROL_ERROR when the window would pass 2^31-1
     */
    public void adjust(long oldInitial, long newInitial) throws Http2Exception {
        long next = window + (newInitial - oldInitial);
        if (next > Frame.MAX_WINDOW) {
            throw Http2Exception.connection(ErrorCode.FLOW_CONTROL_ERROR, "SETTINGS_INITIAL_WINDOW_SIZE pushes a window past 2^31-1");
        }
        window = next;
    }
}
