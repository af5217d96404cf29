package dev.wisp.server.http2;

import java.nio.ByteBuffer;

/**
 * Writes frames (RFC 9113 §4.1, §6) into the caller's buffer: no allocation per frame. The
 * caller, the connection's single writer, makes sure the buffer has room (a frame takes
 * {@link Frame#HEADER_LENGTH} plus its payload) and sends the bytes in the order written; a
 * buffer without room throws {@link java.nio.BufferOverflowException}, a caller's bug.
 *
 * <p>What goes out is what a server may send: no PUSH_PROMISE (Wisp does not push), no padding,
 * no priority signal.
 */
public final class FrameWriter {
    private FrameWriter() {
    }

    /** A frame header (§4.1); the payload of {@code length} octets must follow. */
    public static void header(ByteBuffer out, int length, int type, int flags, int streamId) {
        if (length < 0 || length > Frame.MAX_FRAME_SIZE_LIMIT || streamId < 0) {
            throw new IllegalArgumentException("frame length " + length + " or stream id " + streamId + " out of range");
        }
        out.put((byte) (length >>> 16)).put((byte) (length >>> 8)).put((byte) length);
        out.put((byte) type).put((byte) flags).putInt(streamId);
    }

    /** A DATA frame (§6.1) with {@code len} octets of {@code src}; the caller keeps it within the peer's windows and frame size. */
    public static void data(ByteBuffer out, int streamId, byte[] src, int off, int len, boolean endStream) {
        header(out, len, Frame.DATA, endStream ? Frame.FLAG_END_STREAM : 0, streamId);
        out.put(src, off, len);
    }

    /**
     * A field block as one HEADERS frame and as many CONTINUATIONs as {@code maxFrameSize} (the
     * peer's SETTINGS_MAX_FRAME_SIZE) requires (§4.3, §6.2, §6.10), back to back: nothing may come
     * between them on the connection.
     */
    public static void headers(ByteBuffer out, int streamId, byte[] block, int off, int len, boolean endStream, int maxFrameSize) {
        int first = Math.min(len, maxFrameSize);
        int flags = (endStream ? Frame.FLAG_END_STREAM : 0) | (first == len ? Frame.FLAG_END_HEADERS : 0);
        header(out, first, Frame.HEADERS, flags, streamId);
        out.put(block, off, first);
        for (int done = first; done < len; ) {
            int n = Math.min(len - done, maxFrameSize);
            header(out, n, Frame.CONTINUATION, done + n == len ? Frame.FLAG_END_HEADERS : 0, streamId);
            out.put(block, off + done, n);
            done += n;
        }
    }

    /** Bytes {@link #headers} takes for a block of {@code len} octets. */
    public static int headersLength(int len, int maxFrameSize) {
        int frames = Math.max(1, (len + maxFrameSize - 1) / maxFrameSize);
        return frames * Frame.HEADER_LENGTH + len;
    }

    /** RST_STREAM (§6.4). */
    public static void rstStream(ByteBuffer out, int streamId, ErrorCode code) {
        header(out, 4, Frame.RST_STREAM, 0, streamId);
        out.putInt(code.code());
    }

    /** This endpoint's SETTINGS (§6.5): every parameter that differs from the RFC's initial value. */
    public static void settings(ByteBuffer out, Settings settings) {
        int count = 0;
        for (int id = Settings.HEADER_TABLE_SIZE; id <= Settings.MAX_HEADER_LIST_SIZE; id++) {
            count += settings.get(id) != Settings.DEFAULTS.get(id) ? 1 : 0;
        }
        header(out, 6 * count, Frame.SETTINGS, 0, 0);
        for (int id = Settings.HEADER_TABLE_SIZE; id <= Settings.MAX_HEADER_LIST_SIZE; id++) {
            if (settings.get(id) != Settings.DEFAULTS.get(id)) {
                out.putShort((short) id).putInt((int) settings.get(id));
            }
        }
    }

    /** The acknowledgement of the peer's SETTINGS (§6.5.3). */
    public static void settingsAck(ByteBuffer out) {
        header(out, 0, Frame.SETTINGS, Frame.FLAG_ACK, 0);
    }

    /** PING (§6.7); the answer to a ping carries the ACK flag and the same data. */
    public static void ping(ByteBuffer out, boolean ack, long data) {
        header(out, 8, Frame.PING, ack ? Frame.FLAG_ACK : 0, 0);
        out.putLong(data);
    }

    /**
     * GOAWAY (§6.8) with a short ASCII reason as debug data, such as an {@link Http2Exception}'s
     * message (fixed text that never echoes the peer); empty for none.
     */
    public static void goAway(ByteBuffer out, int lastStreamId, ErrorCode code, String debug) {
        header(out, 8 + debug.length(), Frame.GOAWAY, 0, 0);
        out.putInt(lastStreamId).putInt(code.code());
        for (int i = 0; i < debug.length(); i++) {
            char c = debug.charAt(i);
            out.put((byte) (c < 0x80 ? c : '?'));
        }
    }

    /** WINDOW_UPDATE (§6.9) with an increment of 1..2^31-1; stream 0 for the connection. */
    public static void windowUpdate(ByteBuffer out, int streamId, int increment) {
        if (increment <= 0) {
            throw new IllegalArgumentException("window increment must be 1..2^31-1, got " + increment);
        }
        header(out, 4, Frame.WINDOW_UPDATE, 0, streamId);
        out.putInt(increment);
    }
}
