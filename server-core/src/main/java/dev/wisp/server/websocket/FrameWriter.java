package dev.wisp.server.websocket;

/**
 * Server frame headers (RFC 6455 §5.2): FIN always set (messages go out as one frame), RSV1 for a
 * compressed message (RFC 7692 §6), no mask (§5.1: a server must not mask), the length in the
 * fewest bytes.
 */
public final class FrameWriter {
    /** The longest header a server frame needs. */
    public static final int MAX_HEADER = 10;

    private FrameWriter() {
    }

    /** Writes the header into {@code dst} from 0 and returns its length. */
    public static int header(byte[] dst, int opcode, boolean rsv1, long length) {
        dst[0] = (byte) (0x80 | (rsv1 ? 0x40 : 0) | opcode);
        if (length < 126) {
            dst[1] = (byte) length;
            return 2;
        }
        if (length <= 0xffff) {
            dst[1] = 126;
            dst[2] = (byte) (length >>> 8);
            dst[3] = (byte) length;
            return 4;
        }
        dst[1] = 127;
        for (int i = 0; i < 8; i++) {
            dst[2 + i] = (byte) (length >>> (56 - 8 * i));
        }
        return 10;
    }
}
