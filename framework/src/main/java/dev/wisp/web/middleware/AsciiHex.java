package dev.wisp.web.middleware;

/** ASCII hexadecimal digits only: {@code Character.digit} would also accept non-ASCII digits. */
final class AsciiHex {
    private AsciiHex() {
    }

    /** The digit's value, or -1 when {@code c} is not one of {@code 0-9 A-F a-f}. */
    static int value(char c) {
        if (c >= '0' && c <= '9') {
            return c - '0';
        }
        if (c >= 'a' && c <= 'f') {
            return c - 'a' + 10;
        }
        if (c >= 'A' && c <= 'F') {
            return c - 'A' + 10;
        }
        return -1;
    }
}
