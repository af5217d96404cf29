package dev.wisp.sample;

import java.nio.charset.StandardCharsets;

/**
 * The {@code Content-Disposition} of an attachment download (RFC 6266): always
 * {@code attachment}, so a browser saves the file instead of rendering it, with the stored name
 * in a form every user agent reads safely.
 */
final class Disposition {
    private static final char[] HEX = "0123456789ABCDEF".toCharArray();

    private Disposition() {
    }

    /**
     * {@code attachment; filename="<fallback>"}, plus {@code filename*=UTF-8''<encoded>} when the
     * name is not plain ASCII (RFC 6266 §4.3 and Appendix D: the ASCII {@code filename} first,
     * for user agents that know only it; {@code filename*} is preferred by the rest). The fallback
     * replaces every character other than printable ASCII, and {@code "}, {@code \} and {@code %}
     * (which some agents unescape, §4.3), with {@code _}, so the quoted string needs no escapes.
     */
    static String attachment(String filename) {
        String name = filename == null || filename.isEmpty() ? "file" : filename;
        StringBuilder fallback = new StringBuilder(name.length());
        for (int i = 0; i < name.length(); i++) {
            char c = name.charAt(i);
            boolean plain = c >= 0x20 && c <= 0x7e && c != '"' && c != '\\' && c != '%';
            fallback.append(plain ? c : '_');
            if (Character.isHighSurrogate(c) && i + 1 < name.length() && Character.isLowSurrogate(name.charAt(i + 1))) {
                i++; // one replacement per code point
            }
        }
        StringBuilder out = new StringBuilder(32 + name.length() * 3).append("attachment; filename=\"").append(fallback).append('"');
        if (!fallback.toString().equals(name)) {
            out.append("; filename*=UTF-8''");
            encode(name, out);
        }
        return out.toString();
    }

    /** RFC 8187 §3.2.1 value-chars: attr-char as is, every other UTF-8 byte as {@code %XX}. */
    private static void encode(String name, StringBuilder out) {
        for (byte b : name.getBytes(StandardCharsets.UTF_8)) { // a lone surrogate becomes '?'
            int v = b & 0xff;
            if (isAttrChar(v)) {
                out.append((char) v);
            } else {
                out.append('%').append(HEX[v >> 4]).append(HEX[v & 0xf]);
            }
        }
    }

    /** attr-char = ALPHA / DIGIT / "!" / "#" / "$" / "&" / "+" / "-" / "." / "^" / "_" / "`" / "|" / "~" */
    private static boolean isAttrChar(int c) {
        return c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' || c >= '0' && c <= '9' || "!#$&+-.^_`|~".indexOf(c) >= 0;
    }
}
