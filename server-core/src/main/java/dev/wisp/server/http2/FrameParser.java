package dev.wisp.server.http2;

/**
 * Checks one frame's payload by its type and hands it to a {@link FrameHandler} (RFC 9113 §6).
 * Stateless; {@link FrameDecoder} calls it for each complete frame and keeps the sequencing rules.
 */
final class FrameParser {

    /**
     * Parses a frame whose header has been read. Returns whether it leaves a header block open
     * (HEADERS or CONTINUATION without END_HEADERS).
     */
    boolean parse(int type, int flags, int streamId, byte[] b, int p, int length, FrameHandler h) throws Http2Exception {
        switch (type) {
            case Frame.DATA -> data(flags, streamId, b, p, length, h);
            case Frame.HEADERS -> {
                return headers(flags, streamId, b, p, length, h);
            }
            case Frame.PRIORITY -> priority(streamId, b, p, length, h);
            case Frame.RST_STREAM -> {
                onStream(streamId, "RST_STREAM");
                fixedLength(length, 4, "RST_STREAM");
                h.rstStream(streamId, int32(b, p));
            }
            case Frame.SETTINGS -> settings(flags, streamId, b, p, length, h);
            case Frame.PUSH_PROMISE ->
                    // §8.4: only servers push; a client sending it is a connection error.
                    throw Http2Exception.connection(ErrorCode.PROTOCOL_ERROR, "PUSH_PROMISE from a client");
            case Frame.PING -> {
                onConnection(streamId, "PING");
                fixedLength(length, 8, "PING");
                h.ping((flags & Frame.FLAG_ACK) != 0, ((long) int32(b, p) << 32) | (int32(b, p + 4) & 0xffffffffL));
            }
            case Frame.GOAWAY -> {
                onConnection(streamId, "GOAWAY");
                if (length < 8) {
                    throw Http2Exception.connection(ErrorCode.FRAME_SIZE_ERROR, "GOAWAY shorter than 8 octets");
                }
                h.goAway(int31(b, p), int32(b, p + 4), b, p + 8, length - 8);
            }
            case Frame.WINDOW_UPDATE -> windowUpdate(streamId, b, p, length, h);
            case Frame.CONTINUATION -> {
                onStream(streamId, "CONTINUATION");
                boolean end = (flags & Frame.FLAG_END_HEADERS) != 0;
                h.continuation(streamId, b, p, length, end);
                return !end;
            }
            default -> h.unknownFrame(type, streamId, length); // §4.1, §5.5: ignore unknown types
        }
        return false;
    }

    private static void data(int flags, int streamId, byte[] b, int p, int length, FrameHandler h) throws Http2Exception {
        onStream(streamId, "DATA");
        int pad = padding(flags, b, p, length, 0);
        int skip = (flags & Frame.FLAG_PADDED) != 0 ? 1 : 0;
        h.data(streamId, b, p + skip, length - skip - pad, length, (flags & Frame.FLAG_END_STREAM) != 0);
    }

    private static boolean headers(int flags, int streamId, byte[] b, int p, int length, FrameHandler h) throws Http2Exception {
        onStream(streamId, "HEADERS");
        boolean hasPriority = (flags & Frame.FLAG_PRIORITY) != 0;
        int pad = padding(flags, b, p, length, hasPriority ? 5 : 0);
        int start = (flags & Frame.FLAG_PADDED) != 0 ? 1 : 0;
        boolean selfDependent = hasPriority && int31(b, p + start) == streamId;
        if (hasPriority) {
            start += 5; // deprecated priority signal (§5.3.2): read past it
        }
        boolean end = (flags & Frame.FLAG_END_HEADERS) != 0;
        h.headers(streamId, b, p + start, length - start - pad, end, (flags & Frame.FLAG_END_STREAM) != 0);
        if (selfDependent) {
            h.streamError(Http2Exception.stream(streamId, ErrorCode.PROTOCOL_ERROR, "stream depends on itself"));
        }
        return !end;
    }

    /**
     * The padding length of a PADDED frame, 0 otherwise (§6.1, §6.2). Padding as long as the rest
     * of the payload or longer is a PROTOCOL_ERROR; a payload too short for its fixed fields a
     * FRAME_SIZE_ERROR.
     */
    private static int padding(int flags, byte[] b, int p, int length, int fixed) throws Http2Exception {
        boolean padded = (flags & Frame.FLAG_PADDED) != 0;
        int min = fixed + (padded ? 1 : 0);
        if (length < min) {
            throw Http2Exception.connection(ErrorCode.FRAME_SIZE_ERROR, "frame too short for its padding or priority");
        }
        if (!padded) {
            return 0;
        }
        int pad = b[p] & 0xff;
        if (pad > length - min) {
            throw Http2Exception.connection(ErrorCode.PROTOCOL_ERROR, "padding longer than the frame payload");
        }
        return pad;
    }

    private static void priority(int streamId, byte[] b, int p, int length, FrameHandler h) throws Http2Exception {
        onStream(streamId, "PRIORITY");
        if (length != 5) {
            h.streamError(Http2Exception.stream(streamId, ErrorCode.FRAME_SIZE_ERROR, "PRIORITY frame not 5 octets")); // §6.3
            return;
        }
        if (int31(b, p) == streamId) {
            h.streamError(Http2Exception.stream(streamId, ErrorCode.PROTOCOL_ERROR, "stream depends on itself")); // §5.3.1
            return;
        }
        h.priority(streamId);
    }

    private static void settings(int flags, int streamId, byte[] b, int p, int length, FrameHandler h) throws Http2Exception {
        onConnection(streamId, "SETTINGS");
        boolean ack = (flags & Frame.FLAG_ACK) != 0;
        if (ack && length != 0) {
            throw Http2Exception.connection(ErrorCode.FRAME_SIZE_ERROR, "SETTINGS ACK with a payload"); // §6.5
        }
        if (length % 6 != 0) {
            throw Http2Exception.connection(ErrorCode.FRAME_SIZE_ERROR, "SETTINGS length not a multiple of 6");
        }
        for (int i = p; i < p + length; i += 6) {
            int id = ((b[i] & 0xff) << 8) | (b[i + 1] & 0xff);
            long value = int32(b, i + 2) & 0xffffffffL;
            Settings.check(id, value);
            if (id >= Settings.HEADER_TABLE_SIZE && id <= Settings.MAX_HEADER_LIST_SIZE) {
                h.setting(id, value); // unknown parameters are ignored (§6.5.2)
            }
        }
        h.settings(ack);
    }

    private static void windowUpdate(int streamId, byte[] b, int p, int length, FrameHandler h) throws Http2Exception {
        fixedLength(length, 4, "WINDOW_UPDATE");
        int increment = int31(b, p);
        if (increment == 0) { // §6.9: an error on the stream or connection it was sent for
            if (streamId == 0) {
                throw Http2Exception.connection(ErrorCode.PROTOCOL_ERROR, "WINDOW_UPDATE with a zero increment");
            }
            h.streamError(Http2Exception.stream(streamId, ErrorCode.PROTOCOL_ERROR, "WINDOW_UPDATE with a zero increment"));
            return;
        }
        h.windowUpdate(streamId, increment);
    }

    private static void onStream(int streamId, String type) throws Http2Exception {
        if (streamId == 0) {
            throw Http2Exception.connection(ErrorCode.PROTOCOL_ERROR, type + " on stream 0");
        }
    }

    private static void onConnection(int streamId, String type) throws Http2Exception {
        if (streamId != 0) {
            throw Http2Exception.connection(ErrorCode.PROTOCOL_ERROR, type + " on a stream other than 0");
        }
    }

    private static void fixedLength(int length, int expected, String type) throws Http2Exception {
        if (length != expected) {
            throw Http2Exception.connection(ErrorCode.FRAME_SIZE_ERROR, type + " of the wrong length");
        }
    }

    static int int32(byte[] b, int p) {
        return ((b[p] & 0xff) << 24) | ((b[p + 1] & 0xff) << 16) | ((b[p + 2] & 0xff) << 8) | (b[p + 3] & 0xff);
    }

    /** A 31-bit value with its reserved high bit ignored (§4.1, §6.9). */
    static int int31(byte[] b, int p) {
        return int32(b, p) & 0x7fffffff;
    }
}
