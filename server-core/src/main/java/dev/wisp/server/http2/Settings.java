package dev.wisp.server.http2;

/**
 * One endpoint's SETTINGS (RFC 9113 §6.5.2) as a value. {@link #DEFAULTS} are the initial values
 * every connection starts from; {@link #with} applies one received parameter after checking it.
 * Unbounded parameters are {@link #UNLIMITED}.
 *
 * @param headerTableSize      SETTINGS_HEADER_TABLE_SIZE (0x1), default 4096
 * @param enablePush           SETTINGS_ENABLE_PUSH (0x2), default 1; Wisp never pushes
 * @param maxConcurrentStreams SETTINGS_MAX_CONCURRENT_STREAMS (0x3), default unlimited
 * @param initialWindowSize    SETTINGS_INITIAL_WINDOW_SIZE (0x4), default 65535, at most 2^31-1
 * @param maxFrameSize         SETTINGS_MAX_FRAME_SIZE (0x5), default 16384, 2^14..2^24-1
 * @param maxHeaderListSize    SETTINGS_MAX_HEADER_LIST_SIZE (0x6), default unlimited
 */
public record Settings(long headerTableSize, long enablePush, long maxConcurrentStreams, long initialWindowSize,
                       long maxFrameSize, long maxHeaderListSize) {
    public static final long UNLIMITED = 0xffff_ffffL;

    public static final int HEADER_TABLE_SIZE = 0x1;
    public static final int ENABLE_PUSH = 0x2;
    public static final int MAX_CONCURRENT_STREAMS = 0x3;
    public static final int INITIAL_WINDOW_SIZE = 0x4;
    public static final int MAX_FRAME_SIZE = 0x5;
    public static final int MAX_HEADER_LIST_SIZE = 0x6;

    public static final Settings DEFAULTS = new Settings(4096, 1, UNLIMITED, 65_535, Frame.DEFAULT_MAX_FRAME_SIZE, UNLIMITED);

    /** The value of parameter {@code id}, for the writer; {@code -1} for an unknown id. */
    public long get(int id) {
        return switch (id) {
            case HEADER_TABLE_SIZE -> headerTableSize;
            case ENABLE_PUSH -> enablePush;
            case MAX_CONCURRENT_STREAMS -> maxConcurrentStreams;
            case INITIAL_WINDOW_SIZE -> initialWindowSize;
            case MAX_FRAME_SIZE -> maxFrameSize;
            case MAX_HEADER_LIST_SIZE -> maxHeaderListSize;
            default -> -1;
        };
    }

    /**
     * A copy with parameter {@code id} set to {@code value} (an unsigned 32-bit number); an
     * unknown id is ignored (§6.5.2).
     *
     * @throws Http2Exception PROTOCOL_ERROR for ENABLE_PUSH other than 0 or 1 and for a
     *         MAX_FRAME_SIZE outside 2^14..2^24-1; FLOW_CONTROL_ERROR for an INITIAL_WINDOW_SIZE
     *         above 2^31-1 (§6.5.2)
     */
    public Settings with(int id, long value) throws Http2Exception {
        check(id, value);
        return switch (id) {
            case HEADER_TABLE_SIZE -> new Settings(value, enablePush, maxConcurrentStreams, initialWindowSize, maxFrameSize, maxHeaderListSize);
            case ENABLE_PUSH -> new Settings(headerTableSize, value, maxConcurrentStreams, initialWindowSize, maxFrameSize, maxHeaderListSize);
            case MAX_CONCURRENT_STREAMS -> new Settings(headerTableSize, enablePush, value, initialWindowSize, maxFrameSize, maxHeaderListSize);
            case INITIAL_WINDOW_SIZE -> new Settings(headerTableSize, enablePush, maxConcurrentStreams, value, maxFrameSize, maxHeaderListSize);
            case MAX_FRAME_SIZE -> new Settings(headerTableSize, enablePush, maxConcurrentStreams, initialWindowSize, value, maxHeaderListSize);
            case MAX_HEADER_LIST_SIZE -> new Settings(headerTableSize, enablePush, maxConcurrentStreams, initialWindowSize, maxFrameSize, value);
            default -> this;
        };
    }

    /** The validity rules of §6.5.2, as the frame decoder applies them to each received parameter. */
    static void check(int id, long value) throws Http2Exception {
        switch (id) {
            case ENABLE_PUSH -> {
                if (value > 1) {
                    throw Http2Exception.connection(ErrorCode.PROTOCOL_ERROR, "SETTINGS_ENABLE_PUSH other than 0 or 1");
                }
            }
            case INITIAL_WINDOW_SIZE -> {
                if (value > Frame.MAX_WINDOW) {
                    throw Http2Exception.connection(ErrorCode.FLOW_CONTROL_ERROR, "SETTINGS_INITIAL_WINDOW_SIZE above 2^31-1");
                }
            }
            case MAX_FRAME_SIZE -> {
                if (value < Frame.DEFAULT_MAX_FRAME_SIZE || value > Frame.MAX_FRAME_SIZE_LIMIT) {
                    throw Http2Exception.connection(ErrorCode.PROTOCOL_ERROR, "SETTINGS_MAX_FRAME_SIZE outside 2^14..2^24-1");
                }
            }
            default -> {
            }
        }
    }
}
