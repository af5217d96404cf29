package dev.wisp.server.http2;

import java.util.HexFormat;

/** Hex dumps as printed in the RFCs: spaces and line breaks ignored. */
final class Hex {
    private Hex() {
    }

    static byte[] bytes(String hex) {
        return HexFormat.of().parseHex(hex.replaceAll("\\s", ""));
    }

    static String of(byte[] bytes) {
        return HexFormat.of().formatHex(bytes);
    }

    static String of(byte[] bytes, int off, int len) {
        return HexFormat.of().formatHex(bytes, off, off + len);
    }
}
