package dev.wisp.server;

/**
 * Limits that only HTTP/2 has (RFC 9113), each a defence against a known attack on HTTP/2
 * servers. Every value is per connection. Frame budgets are token buckets: a connection may spend
 * {@code n} events at once and gets {@code n} back per second; past the budget the connection is
 * ended with GOAWAY ENHANCE_YOUR_CALM. Other connections are never affected.
 *
 * <table>
 *   <caption>Defaults and what happens past them</caption>
 *   <tr><th>limit</th><th>default</th><th>past it</th></tr>
 *   <tr><td>maxConcurrentStreams (advertised in SETTINGS)</td><td>100</td><td>RST_STREAM REFUSED_STREAM (the client may retry)</td></tr>
 *   <tr><td>maxHeaderListBytes (decoded, RFC 9113 §6.5.2 counting; advertised)</td><td>16 KiB</td><td>431 on that stream; an HPACK bomb is refused as it decodes</td></tr>
 *   <tr><td>maxFrameBytes (SETTINGS_MAX_FRAME_SIZE advertised)</td><td>16 KiB</td><td>GOAWAY FRAME_SIZE_ERROR</td></tr>
 *   <tr><td>initialStreamWindowBytes (request body credit per stream, also its buffer bound)</td><td>65 535</td><td>GOAWAY/RST FLOW_CONTROL_ERROR</td></tr>
 *   <tr><td>connectionWindowBytes (request body credit for all streams: the most one connection buffers)</td><td>1 MiB</td><td>GOAWAY FLOW_CONTROL_ERROR</td></tr>
 *   <tr><td>maxContinuationFrames per header block (CVE-2024-27316)</td><td>16</td><td>GOAWAY ENHANCE_YOUR_CALM</td></tr>
 *   <tr><td>maxHeaderBlockBytes, compressed, per block (CVE-2024-27316)</td><td>32 KiB</td><td>GOAWAY ENHANCE_YOUR_CALM</td></tr>
 *   <tr><td>resetBudget: streams reset by the client while in flight, or reset by us for its errors (Rapid Reset CVE-2023-44487, CVE-2019-9514)</td><td>200 (+200/s)</td><td>GOAWAY ENHANCE_YOUR_CALM</td></tr>
 *   <tr><td>controlFrameBudget: SETTINGS, PING, PRIORITY, unknown frames, empty DATA and empty header fragments (CVE-2019-9512, -9513, -9515, -9516, -9518)</td><td>1 000 (+1 000/s)</td><td>GOAWAY ENHANCE_YOUR_CALM</td></tr>
 * </table>
 *
 * <p>Timeouts come from {@link Timeouts}: the preface and a header block must arrive within
 * {@code head}; a connection with no open stream is closed (GOAWAY NO_ERROR) after {@code idle};
 * a body read waits at most {@code read}; a stream waiting for the client's window longer than
 * {@code write} is reset with CANCEL (the connection goes on), a socket write that stops moving
 * closes the connection.
 */
public record Http2Limits(int maxConcurrentStreams, int maxHeaderListBytes, int maxFrameBytes,
                          int initialStreamWindowBytes, int connectionWindowBytes, int maxContinuationFrames,
                          int maxHeaderBlockBytes, int resetBudget, int controlFrameBudget) {

    public Http2Limits {
        Limits.positive("maxConcurrentStreams", maxConcurrentStreams);
        Limits.positive("maxHeaderListBytes", maxHeaderListBytes);
        if (maxFrameBytes < 1 << 14 || maxFrameBytes > (1 << 24) - 1) {
            throw new IllegalArgumentException("maxFrameBytes must be 16384..16777215 (RFC 9113 §6.5.2), got " + maxFrameBytes);
        }
        Limits.positive("initialStreamWindowBytes", initialStreamWindowBytes);
        if (connectionWindowBytes < 65_535) {
            throw new IllegalArgumentException("connectionWindowBytes must be >= 65535 (the initial window, RFC 9113 §6.9.2), got "
                    + connectionWindowBytes);
        }
        if (maxContinuationFrames < 0) {
            throw new IllegalArgumentException("maxContinuationFrames must be >= 0, got " + maxContinuationFrames);
        }
        Limits.positive("maxHeaderBlockBytes", maxHeaderBlockBytes);
        Limits.positive("resetBudget", resetBudget);
        Limits.positive("controlFrameBudget", controlFrameBudget);
    }

    public static Http2Limits defaults() {
        return new Http2Limits(100, 16 * 1024, 16 * 1024, 65_535, 1 << 20, 16, 32 * 1024, 200, 1_000);
    }

    public Http2Limits withMaxConcurrentStreams(int v) {
        return new Http2Limits(v, maxHeaderListBytes, maxFrameBytes, initialStreamWindowBytes, connectionWindowBytes,
                maxContinuationFrames, maxHeaderBlockBytes, resetBudget, controlFrameBudget);
    }

    public Http2Limits withMaxHeaderListBytes(int v) {
        return new Http2Limits(maxConcurrentStreams, v, maxFrameBytes, initialStreamWindowBytes, connectionWindowBytes,
                maxContinuationFrames, maxHeaderBlockBytes, resetBudget, controlFrameBudget);
    }

    public Http2Limits withMaxFrameBytes(int v) {
        return new Http2Limits(maxConcurrentStreams, maxHeaderListBytes, v, initialStreamWindowBytes, connectionWindowBytes,
                maxContinuationFrames, maxHeaderBlockBytes, resetBudget, controlFrameBudget);
    }

    public Http2Limits withInitialStreamWindowBytes(int v) {
        return new Http2Limits(maxConcurrentStreams, maxHeaderListBytes, maxFrameBytes, v, connectionWindowBytes,
                maxContinuationFrames, maxHeaderBlockBytes, resetBudget, controlFrameBudget);
    }

    public Http2Limits withConnectionWindowBytes(int v) {
        return new Http2Limits(maxConcurrentStreams, maxHeaderListBytes, maxFrameBytes, initialStreamWindowBytes, v,
                maxContinuationFrames, maxHeaderBlockBytes, resetBudget, controlFrameBudget);
    }

    public Http2Limits withMaxContinuationFrames(int v) {
        return new Http2Limits(maxConcurrentStreams, maxHeaderListBytes, maxFrameBytes, initialStreamWindowBytes,
                connectionWindowBytes, v, maxHeaderBlockBytes, resetBudget, controlFrameBudget);
    }

    public Http2Limits withMaxHeaderBlockBytes(int v) {
        return new Http2Limits(maxConcurrentStreams, maxHeaderListBytes, maxFrameBytes, initialStreamWindowBytes,
                connectionWindowBytes, maxContinuationFrames, v, resetBudget, controlFrameBudget);
    }

    public Http2Limits withResetBudget(int v) {
        return new Http2Limits(maxConcurrentStreams, maxHeaderListBytes, maxFrameBytes, initialStreamWindowBytes,
                connectionWindowBytes, maxContinuationFrames, maxHeaderBlockBytes, v, controlFrameBudget);
    }

    public Http2Limits withControlFrameBudget(int v) {
        return new Http2Limits(maxConcurrentStreams, maxHeaderListBytes, maxFrameBytes, initialStreamWindowBytes,
                connectionWindowBytes, maxContinuationFrames, maxHeaderBlockBytes, resetBudget, v);
    }
}
