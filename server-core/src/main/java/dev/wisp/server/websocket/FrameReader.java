package dev.wisp.server.websocket;

import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;

/**
 * Reads client frames (RFC 6455 §5.2) from a blocking stream: {@link #readHeader} checks every
 * rule that can be checked from the header, then {@link #readPayload} hands out the payload,
 * unmasked, in as many pieces as the caller likes. Holds a 14-byte header buffer and nothing
 * else, so an idle session costs no payload buffer. Not thread-safe: one reader.
 *
 * <p>Header rules, each failing with 1002 unless noted:
 * <ul>
 *   <li>RSV2 and RSV3 must be 0; RSV1 only on the first frame of a data message, and only when
 *       permessage-deflate was negotiated (§5.2, RFC 7692 §6).</li>
 *   <li>Only opcodes 0, 1, 2, 8, 9, 10 (§5.2: the others are reserved).</li>
 *   <li>Frames from a client must be masked (§5.1).</li>
 *   <li>The 64-bit length must have its high bit 0, and every length must use the fewest bytes
 *       (§5.2: "the minimal number of bytes MUST be used to encode the length"). A sender that
 *       ignores a MUST is refused, not guessed about.</li>
 *   <li>Control frames: at most 125 bytes, never fragmented (§5.5).</li>
 *   <li>A payload over the frame limit: 1009, before any of it is read.</li>
 * </ul>
 * Whether a continuation or a new data frame is allowed depends on the message in progress, so
 * that is checked by the caller ({@link MessageReader}). The end of the stream anywhere is an
 * {@link EOFException}.
 */
public final class FrameReader {
    private final InputStream in;
    private final byte[] head = new byte[14];
    private long remaining;
    private int maskKey;
    private int maskPos;

    public FrameReader(InputStream in) {
        this.in = in;
    }

    /** Reads and checks the next frame header; the previous payload must have been read. */
    public FrameHeader readHeader(boolean deflateNegotiated, long maxFrameBytes) throws IOException {
        if (remaining != 0) {
            throw new IllegalStateException("the previous frame's payload has not been read");
        }
        readFully(head, 0, 2);
        int b0 = head[0] & 0xff;
        int b1 = head[1] & 0xff;
        boolean fin = (b0 & 0x80) != 0;
        boolean rsv1 = (b0 & 0x40) != 0;
        int opcode = b0 & 0x0f;
        if ((b0 & 0x30) != 0) {
            throw new WebSocketProtocolException(CloseCodes.PROTOCOL_ERROR, "RSV2 and RSV3 must be 0");
        }
        if (opcode > 0x2 && (opcode < 0x8 || opcode > 0xA)) {
            throw new WebSocketProtocolException(CloseCodes.PROTOCOL_ERROR, "Reserved opcode");
        }
        boolean control = (opcode & 0x8) != 0;
        if (rsv1 && (!deflateNegotiated || control || opcode == FrameHeader.CONTINUATION)) {
            throw new WebSocketProtocolException(CloseCodes.PROTOCOL_ERROR, "RSV1 set without permessage-deflate on a first data frame");
        }
        if ((b1 & 0x80) == 0) {
            throw new WebSocketProtocolException(CloseCodes.PROTOCOL_ERROR, "Client frames must be masked");
        }
        long length = b1 & 0x7f;
        if (length == 126) {
            readFully(head, 2, 2);
            length = ((head[2] & 0xff) << 8) | (head[3] & 0xff);
            if (length < 126) {
                throw new WebSocketProtocolException(CloseCodes.PROTOCOL_ERROR, "Frame length not minimally encoded");
            }
        } else if (length == 127) {
            readFully(head, 2, 8);
            length = 0;
            for (int i = 2; i < 10; i++) {
                length = (length << 8) | (head[i] & 0xff);
            }
            if (length < 0) {
                throw new WebSocketProtocolException(CloseCodes.PROTOCOL_ERROR, "Frame length has its high bit set");
            }
            if (length <= 0xffff) {
                throw new WebSocketProtocolException(CloseCodes.PROTOCOL_ERROR, "Frame length not minimally encoded");
            }
        }
        if (control && (!fin || length > 125)) {
            throw new WebSocketProtocolException(CloseCodes.PROTOCOL_ERROR, "Control frames must be whole and at most 125 bytes");
        }
        if (length > maxFrameBytes) {
            throw new WebSocketProtocolException(CloseCodes.TOO_BIG, "Frame too big");
        }
        readFully(head, 10, 4);
        maskKey = ((head[10] & 0xff) << 24) | ((head[11] & 0xff) << 16) | ((head[12] & 0xff) << 8) | (head[13] & 0xff);
        maskPos = 0;
        remaining = length;
        return new FrameHeader(fin, rsv1, opcode, length, maskKey);
    }

    /** Payload bytes of the current frame not read yet. */
    public long remaining() {
        return remaining;
    }

    /** Reads exactly {@code len} payload bytes (at most {@link #remaining()}) and unmasks them (§5.3). */
    public void readPayload(byte[] dst, int off, int len) throws IOException {
        if (len > remaining) {
            throw new IllegalArgumentException("read past the frame's payload");
        }
        readFully(dst, off, len);
        for (int i = off; i < off + len; i++) {
            dst[i] ^= (byte) (maskKey >>> (24 - 8 * (maskPos & 3)));
            maskPos++;
        }
        remaining -= len;
    }

    private void readFully(byte[] b, int off, int len) throws IOException {
        while (len > 0) {
            int n = in.read(b, off, len);
            if (n < 0) {
                throw new EOFException("Connection closed inside a WebSocket frame");
            }
            off += n;
            len -= n;
        }
    }
}
