package dev.wisp.server.http2;

import java.nio.charset.StandardCharsets;

/** The constants of HTTP/2 framing (RFC 9113 §3.4, §4, §6): types, flags and sizes. */
public final class Frame {
    /** The client connection preface, RFC 9113 §3.4. */
    static final byte[] PREFACE = "PRI * HTTP/2.0\r\n\r\nSM\r\n\r\n".getBytes(StandardCharsets.US_ASCII);

    /** Length of the frame header: 24-bit length, type, flags, reserved bit and 31-bit stream id (§4.1). */
    public static final int HEADER_LENGTH = 9;
    /** The initial and smallest SETTINGS_MAX_FRAME_SIZE (§4.2, §6.5.2). */
    public static final int DEFAULT_MAX_FRAME_SIZE = 1 << 14;
    /** The largest SETTINGS_MAX_FRAME_SIZE (§6.5.2): 2^24-1. */
    public static final int MAX_FRAME_SIZE_LIMIT = (1 << 24) - 1;
    /** The largest flow-control window and WINDOW_UPDATE increment (§6.9.1): 2^31-1. */
    public static final int MAX_WINDOW = Integer.MAX_VALUE;

    public static final int DATA = 0x0;
    public static final int HEADERS = 0x1;
    public static final int PRIORITY = 0x2;
    public static final int RST_STREAM = 0x3;
    public static final int SETTINGS = 0x4;
    public static final int PUSH_PROMISE = 0x5;
    public static final int PING = 0x6;
    public static final int GOAWAY = 0x7;
    public static final int WINDOW_UPDATE = 0x8;
    public static final int CONTINUATION = 0x9;

    public static final int FLAG_END_STREAM = 0x1;
    public static final int FLAG_ACK = 0x1;
    public static final int FLAG_END_HEADERS = 0x4;
    public static final int FLAG_PADDED = 0x8;
    public static final int FLAG_PRIORITY = 0x20;

    private Frame() {
    }

    /** The length of the client connection preface (RFC 9113 §3.4). */
    public static int prefaceLength() {
        return PREFACE.length;
    }

    /** Whether {@code b[from, to)} equals the same positions of the client preface: one that may still become it. */
    public static boolean matchesPreface(byte[] b, int from, int to) {
        for (int i = from; i < to; i++) {
            if (i >= PREFACE.length || b[i] != PREFACE[i]) {
                return false;
            }
        }
        return true;
    }

    /** The type's name for logs and tests, {@code UNKNOWN(0x..)} for an extension type. */
    public static String typeName(int type) {
        return switch (type) {
            case DATA -> "DATA";
            case HEADERS -> "HEADERS";
            case PRIORITY -> "PRIORITY";
            case RST_STREAM -> "RST_STREAM";
            case SETTINGS -> "SETTINGS";
            case PUSH_PROMISE -> "PUSH_PROMISE";
            case PING -> "PING";
            case GOAWAY -> "GOAWAY";
            case WINDOW_UPDATE -> "WINDOW_UPDATE";
            case CONTINUATION -> "CONTINUATION";
            default -> "UNKNOWN(0x" + Integer.toHexString(type) + ")";
        };
    }
}
