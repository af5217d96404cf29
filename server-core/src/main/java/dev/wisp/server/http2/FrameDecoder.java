package dev.wisp.server.http2;

import java.util.Arrays;

/**
 * An incremental HTTP/2 frame decoder (RFC 9113 §4): fed the bytes the connection reads, in
 * chunks split anywhere, it hands each complete frame to a {@link FrameHandler}, checked by
 * {@link FrameParser}.
 *
 * <p><b>Buffering.</b> A frame that lies whole in the chunk is parsed in place, without a copy.
 * Only a frame split across chunks is gathered in the decoder's own buffer, which starts at 64
 * bytes and grows to the largest split frame, never past 9 + SETTINGS_MAX_FRAME_SIZE: a frame
 * header announcing more is a FRAME_SIZE_ERROR before any of its payload is read (§4.2), so a peer
 * cannot make the decoder allocate what it has not been allowed to send.
 *
 * <p><b>Sequence rules.</b> With {@code expectPreface}, the input must begin with the client
 * preface followed by a SETTINGS frame (§3.4). Once a HEADERS frame without END_HEADERS arrives,
 * only CONTINUATION frames of that stream may follow until END_HEADERS (§4.3, §6.10). Any other
 * order is a connection PROTOCOL_ERROR.
 *
 * <p><b>Errors.</b> A connection error is thrown from {@link #feed} and is final: later calls
 * throw it again. A stream error goes to {@link FrameHandler#streamError} and decoding goes on.
 *
 * <p><b>Thread.</b> Owned by the connection's reader. Not thread-safe.
 */
public final class FrameDecoder {
    private final FrameParser parser = new FrameParser();
    private int maxFrameSize;
    private int prefaceMatched;
    private boolean awaitingSettings;
    private int continuationStream; // the stream whose header block is open, or 0
    private byte[] buf = new byte[64];
    private int buffered;
    private Http2Exception failure;

    /**
     * @param maxFrameSize  the SETTINGS_MAX_FRAME_SIZE this endpoint has advertised (16384 by default)
     * @param expectPreface whether the client preface has yet to arrive (a server's first read)
     */
    public FrameDecoder(int maxFrameSize, boolean expectPreface) {
        setMaxFrameSize(maxFrameSize);
        this.prefaceMatched = expectPreface ? 0 : Frame.PREFACE.length;
        this.awaitingSettings = expectPreface;
    }

    /** Applies a new SETTINGS_MAX_FRAME_SIZE once the peer has acknowledged it (§6.5.3). */
    public void setMaxFrameSize(int size) {
        if (size < Frame.DEFAULT_MAX_FRAME_SIZE || size > Frame.MAX_FRAME_SIZE_LIMIT) {
            throw new IllegalArgumentException("max frame size must be 2^14..2^24-1, got " + size);
        }
        maxFrameSize = size;
    }

    /** Whether a header block is open: the connection must not treat the frame stream as idle. */
    public boolean inHeaderBlock() {
        return continuationStream != 0;
    }

    /** Bytes held of a frame not yet complete. */
    public int buffered() {
        return buffered;
    }

    /**
     * Decodes {@code len} bytes at {@code data[off]}, calling {@code handler} for each frame they
     * complete; keeps the bytes of an incomplete frame for the next call.
     *
     * @throws Http2Exception a connection error, from the decoder or the handler; final
     */
    public void feed(byte[] data, int off, int len, FrameHandler handler) throws Http2Exception {
        if (failure != null) {
            throw failure;
        }
        try {
            int end = off + len;
            off = matchPreface(data, off, end);
            if (buffered > 0) {
                off = completeBuffered(data, off, end, handler);
                if (buffered > 0) {
                    return;
                }
            }
            while (end - off >= Frame.HEADER_LENGTH) {
                int length = length(data, off);
                if (end - off < Frame.HEADER_LENGTH + length) {
                    break;
                }
                dispatch(data, off, length, handler);
                off += Frame.HEADER_LENGTH + length;
            }
            if (off < end) {
                completeBuffered(data, off, end, handler);
            }
        } catch (Http2Exception e) {
            failure = e;
            buf = null;
            throw e;
        }
    }

    /** Consumes preface bytes; a mismatch is a PROTOCOL_ERROR (§3.4). */
    private int matchPreface(byte[] data, int off, int end) throws Http2Exception {
        while (prefaceMatched < Frame.PREFACE.length && off < end) {
            if (data[off++] != Frame.PREFACE[prefaceMatched++]) {
                throw Http2Exception.connection(ErrorCode.PROTOCOL_ERROR, "invalid connection preface");
            }
        }
        return off;
    }

    /** Adds input to the frame held in {@link #buf}; dispatches it when complete. Returns the new offset. */
    private int completeBuffered(byte[] data, int off, int end, FrameHandler handler) throws Http2Exception {
        if (buffered < Frame.HEADER_LENGTH) {
            off = copy(data, off, Math.min(Frame.HEADER_LENGTH - buffered, end - off));
            if (buffered < Frame.HEADER_LENGTH) {
                return off;
            }
        }
        int length = length(buf, 0);
        int total = Frame.HEADER_LENGTH + length;
        if (buf.length < total) {
            buf = Arrays.copyOf(buf, Math.max(total, Math.min(2 * buf.length, Frame.HEADER_LENGTH + maxFrameSize)));
        }
        off = copy(data, off, Math.min(total - buffered, end - off));
        if (buffered == total) {
            buffered = 0;
            dispatch(buf, 0, length, handler);
        }
        return off;
    }

    private int copy(byte[] data, int off, int n) {
        System.arraycopy(data, off, buf, buffered, n);
        buffered += n;
        return off + n;
    }

    /** The frame's length field, checked against SETTINGS_MAX_FRAME_SIZE (§4.2). */
    private int length(byte[] b, int p) throws Http2Exception {
        int length = ((b[p] & 0xff) << 16) | ((b[p + 1] & 0xff) << 8) | (b[p + 2] & 0xff);
        if (length > maxFrameSize) {
            // Also for frames that only concern a stream: the payload is not worth reading.
            throw Http2Exception.connection(ErrorCode.FRAME_SIZE_ERROR, "frame larger than SETTINGS_MAX_FRAME_SIZE");
        }
        return length;
    }

    private void dispatch(byte[] b, int p, int length, FrameHandler handler) throws Http2Exception {
        int type = b[p + 3] & 0xff;
        int flags = b[p + 4] & 0xff;
        int streamId = FrameParser.int31(b, p + 5);
        if (awaitingSettings) {
            if (type != Frame.SETTINGS || (flags & Frame.FLAG_ACK) != 0) {
                throw Http2Exception.connection(ErrorCode.PROTOCOL_ERROR, "connection preface not followed by SETTINGS");
            }
            awaitingSettings = false;
        }
        if (continuationStream != 0 && (type != Frame.CONTINUATION || streamId != continuationStream)) {
            throw Http2Exception.connection(ErrorCode.PROTOCOL_ERROR, "header block interrupted by another frame");
        }
        if (type == Frame.CONTINUATION && continuationStream == 0 && streamId != 0) {
            throw Http2Exception.connection(ErrorCode.PROTOCOL_ERROR, "CONTINUATION without an open header block");
        }
        boolean openBlock = parser.parse(type, flags, streamId, b, p + Frame.HEADER_LENGTH, length, handler);
        continuationStream = openBlock ? streamId : 0;
    }
}
