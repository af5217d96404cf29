package dev.wisp.server.http2;

/**
 * A receive window (RFC 9113 §6.9): the credit this endpoint has granted the peer for DATA on one
 * stream or on the connection (stream 0), and the policy for giving it back.
 *
 * <p><b>Strategy.</b> Credit is returned as the application consumes the body, not as frames
 * arrive, so a slow handler holds back a fast client instead of buffering for it. It is returned
 * in batches: a WINDOW_UPDATE is due once at least half of the target window has been consumed,
 * so a steady upload costs about one WINDOW_UPDATE per half window rather than one per frame.
 *
 * <p>A plain value, like {@link FlowWindow}: the reader checks and charges arriving DATA, the
 * stream's thread reports consumption, and the connection guards the two with a lock.
 */
public final class ReceiveWindow {
    private final int streamId;
    private int target;
    private long window;
    private long unacknowledged; // consumed but not yet given back

    /** @param target the window granted, and restored as the body is consumed (≥ 1) */
    public ReceiveWindow(int streamId, int target) {
        if (target < 1) {
            throw new IllegalArgumentException("target window must be >= 1, got " + target);
        }
        this.streamId = streamId;
        this.target = target;
        this.window = target;
    }

    /** What the peer may still send. */
    public long size() {
        return window;
    }

    /**
     * Charges an arriving DATA frame's flow-controlled length (padding included, §6.9.1).
     *
     * @throws Http2Exception FLOW_CONTROL_ERROR when the peer sends more than it was granted: a
     *         stream error on a stream window, a connection error on the connection's
     */
    public void receive(int flowControlled) throws Http2Exception {
        if (flowControlled > window) {
            if (streamId == 0) {
                throw Http2Exception.connection(ErrorCode.FLOW_CONTROL_ERROR, "DATA beyond the connection window");
            }
            throw Http2Exception.stream(streamId, ErrorCode.FLOW_CONTROL_ERROR, "DATA beyond the stream window");
        }
        window -= flowControlled;
    }

    /**
     * Changes the window granted, as the peer does when it applies this endpoint's new
     * SETTINGS_INITIAL_WINDOW_SIZE (RFC 9113 §6.9.2): the window shifts by the difference and may
     * go negative; credit then comes back as before until it reaches the new target.
     */
    public void retarget(int newTarget) {
        if (newTarget < 1) {
            throw new IllegalArgumentException("target window must be >= 1, got " + newTarget);
        }
        window += newTarget - target;
        target = newTarget;
    }

    /**
     * Records {@code n} octets consumed (read by the handler, or discarded: padding, a reset
     * stream's data) and returns the increment of the WINDOW_UPDATE to send now, or 0 for none yet.
     */
    public int consumed(int n) {
        if (n < 0 || window + unacknowledged + n > target) {
            throw new IllegalStateException("consumed " + n + " octets that were not received");
        }
        unacknowledged += n;
        if (unacknowledged < (target + 1) / 2) {
            return 0;
        }
        int increment = (int) unacknowledged;
        window += unacknowledged;
        unacknowledged = 0;
        return increment;
    }
}
