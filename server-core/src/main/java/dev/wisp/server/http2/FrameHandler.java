package dev.wisp.server.http2;

/**
 * Receives the frames a {@link FrameDecoder} has read and checked, one call per frame, on the
 * connection's reader thread. Payload arrays are the decoder's or the caller's input buffer: valid
 * only during the call, so a handler copies what it keeps.
 *
 * <p>What the decoder has checked: frame size against SETTINGS_MAX_FRAME_SIZE, the stream id
 * (zero or not) each type requires, each type's fixed lengths, padding, SETTINGS values, and that
 * a header block's CONTINUATIONs follow it without interruption (RFC 9113 §4, §6). What it has
 * not: stream states and ids (§5.1), flow control (§6.9), HPACK — that is the connection's job.
 * A handler may throw {@link Http2Exception} too; it ends decoding like the decoder's own.
 */
public interface FrameHandler {
    /**
     * A DATA frame (§6.1) without its padding. {@code flowControlled} is the whole payload length,
     * padding included, which counts against the windows (§6.9.1).
     */
    void data(int streamId, byte[] buf, int off, int len, int flowControlled, boolean endStream) throws Http2Exception;

    /** A HEADERS frame's field block fragment (§6.2), priority and padding removed. */
    void headers(int streamId, byte[] buf, int off, int len, boolean endHeaders, boolean endStream) throws Http2Exception;

    /** A CONTINUATION frame's fragment (§6.10), on the stream of the HEADERS it continues. */
    void continuation(int streamId, byte[] buf, int off, int len, boolean endHeaders) throws Http2Exception;

    /** A valid PRIORITY frame (§6.3): its signal is deprecated and ignored, but it may be counted. */
    default void priority(int streamId) throws Http2Exception {
    }

    /** RST_STREAM (§6.4); {@code errorCode} as sent (see {@link ErrorCode#of}). */
    void rstStream(int streamId, int errorCode) throws Http2Exception;

    /** One known parameter of a SETTINGS frame, already checked (§6.5.2); in frame order. */
    void setting(int id, long value) throws Http2Exception;

    /** The end of a SETTINGS frame, after its {@link #setting} calls; an ACK has none (§6.5.3). */
    void settings(boolean ack) throws Http2Exception;

    /** PING (§6.7) with its 8 octets of opaque data. */
    void ping(boolean ack, long data) throws Http2Exception;

    /** GOAWAY (§6.8); the debug data is opaque and may be empty. */
    void goAway(int lastStreamId, int errorCode, byte[] buf, int debugOff, int debugLen) throws Http2Exception;

    /** WINDOW_UPDATE (§6.9) with an increment of 1..2^31-1; stream 0 is the connection. */
    void windowUpdate(int streamId, int increment) throws Http2Exception;

    /** A frame of a type this decoder does not know, ignored as §4.1 and §5.5 require; may be counted. */
    default void unknownFrame(int type, int streamId, int length) throws Http2Exception {
    }

    /**
     * A stream error (§5.4.2) found in a frame: reset that stream and go on. A HEADERS frame's
     * error is reported after {@link #headers}, whose block must still be decoded to keep HPACK in
     * step (§4.3).
     */
    void streamError(Http2Exception error) throws Http2Exception;
}
