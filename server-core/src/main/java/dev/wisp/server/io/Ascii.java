package dev.wisp.server.io;

/**
 * Byte classes from RFC 9110 §5.6.2 (token) and §5.5 (field values) as lookup tables, shared by the
 * public value types and the parser. Not exported: internal to the server module.
 */
public final class Ascii {
    private static final boolean[] TOKEN = new boolean[256];
    private static final boolean[] FIELD_VALUE = new boolean[256];
    private static final boolean[] TARGET = new boolean[256];

    static {
        for (int c = '0'; c <= '9'; c++) TOKEN[c] = true;
        for (int c = 'a'; c <= 'z'; c++) TOKEN[c] = true;
        for (int c = 'A'; c <= 'Z'; c++) TOKEN[c] = true;
        for (char c : "!#$%&'*+-.^_`|~".toCharArray()) TOKEN[c] = true;

        // field-vchar = VCHAR / obs-text, plus SP and HTAB inside a value.
        for (int c = 0x21; c <= 0x7e; c++) FIELD_VALUE[c] = true;
        for (int c = 0x80; c <= 0xff; c++) FIELD_VALUE[c] = true;
        FIELD_VALUE[' '] = true;
        FIELD_VALUE['\t'] = true;

        // Characters allowed in a request-target (RFC 3986 §2: unreserved, reserved, '%').
        for (int c = '0'; c <= '9'; c++) TARGET[c] = true;
        for (int c = 'a'; c <= 'z'; c++) TARGET[c] = true;
        for (int c = 'A'; c <= 'Z'; c++) TARGET[c] = true;
        for (char c : "-._~:/?[]@!$&'()*+,;=%".toCharArray()) TARGET[c] = true;
    }

    private Ascii() {
    }

    public static boolean isToken(byte b) {
        return TOKEN[b & 0xff];
    }

    public static boolean isFieldValue(byte b) {
        return FIELD_VALUE[b & 0xff];
    }

    public static boolean isTarget(byte b) {
        return TARGET[b & 0xff];
    }

    /** Hex digit value, or -1. */
    /**
     * Whether two strings are equal with ASCII letters compared case-insensitively and every other
     * character exactly. Field names are ASCII tokens; {@code String.equalsIgnoreCase} would also
     * fold non-ASCII letters (and the Kelvin sign into {@code k}).
     */
    public static boolean equalsIgnoreCase(String a, String b) {
        int n = a.length();
        if (n != b.length()) {
            return false;
        }
        for (int i = 0; i < n; i++) {
            char x = a.charAt(i);
            char y = b.charAt(i);
            if (x != y && (x | 0x20) != (y | 0x20) || x != y && !isAsciiLetter(x)) {
                return false;
            }
        }
        return true;
    }

    private static boolean isAsciiLetter(char c) {
        return (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z');
    }

    public static int hexValue(int c) {
        if (c >= '0' && c <= '9') return c - '0';
        if (c >= 'a' && c <= 'f') return c - 'a' + 10;
        if (c >= 'A' && c <= 'F') return c - 'A' + 10;
        return -1;
    }
}
