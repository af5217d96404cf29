package dev.wisp.server.websocket;

/**
 * A frame's header as received (RFC 6455 §5.2), already checked by {@link FrameReader}.
 *
 * @param maskKey the 32-bit masking key, first octet in the high byte
 */
public record FrameHeader(boolean fin, boolean rsv1, int opcode, long length, int maskKey) {
    public static final int CONTINUATION = 0x0;
    public static final int TEXT = 0x1;
    public static final int BINARY = 0x2;
    public static final int CLOSE = 0x8;
    public static final int PING = 0x9;
    public static final int PONG = 0xA;

    /** Control frames have the high opcode bit set (§5.5). */
    public boolean isControl() {
        return (opcode & 0x8) != 0;
    }
}
