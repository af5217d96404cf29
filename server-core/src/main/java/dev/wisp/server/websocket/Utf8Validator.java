package dev.wisp.server.websocket;

/**
 * Checks UTF-8 (RFC 3629 §4: no overlong forms, no surrogates, nothing above U+10FFFF) over a
 * message delivered in pieces, failing at the first byte that can't start or continue a valid
 * sequence, so an invalid text message is refused without waiting for its end (RFC 6455 §8.1:
 * fail with 1007). A sequence may be split across pieces and frames. Not thread-safe; 12 bytes.
 */
final class Utf8Validator {
    private int need;
    private int lower = 0x80;
    private int upper = 0xBF;

    /** Feeds bytes; {@code false} as soon as they can't be valid UTF-8. */
    boolean feed(byte[] b, int off, int len) {
        int end = off + len;
        int i = off;
        while (i < end) {
            if (need == 0) {
                // The common case: runs of ASCII.
                while (i < end && b[i] >= 0) {
                    i++;
                }
                if (i == end) {
                    return true;
                }
                if (!start(b[i++] & 0xff)) {
                    return false;
                }
            } else {
                int x = b[i++] & 0xff;
                if (x < lower || x > upper) {
                    return false;
                }
                lower = 0x80;
                upper = 0xBF;
                need--;
            }
        }
        return true;
    }

    /** The ranges of RFC 3629 §4's UTF8-2, -3 and -4 rules for the byte after a lead byte. */
    private boolean start(int x) {
        if (x >= 0xC2 && x <= 0xDF) {
            need = 1;
        } else if (x == 0xE0) {
            need = 2;
            lower = 0xA0; // no overlong 3-byte forms
        } else if ((x >= 0xE1 && x <= 0xEC) || x == 0xEE || x == 0xEF) {
            need = 2;
        } else if (x == 0xED) {
            need = 2;
            upper = 0x9F; // no surrogates U+D800..U+DFFF
        } else if (x == 0xF0) {
            need = 3;
            lower = 0x90; // no overlong 4-byte forms
        } else if (x >= 0xF1 && x <= 0xF3) {
            need = 3;
        } else if (x == 0xF4) {
            need = 3;
            upper = 0x8F; // nothing above U+10FFFF
        } else {
            return false; // a continuation byte, C0/C1 (overlong) or F5..FF
        }
        return true;
    }

    /** Whether the bytes so far end on a character boundary. */
    boolean isComplete() {
        return need == 0;
    }

    void reset() {
        need = 0;
        lower = 0x80;
        upper = 0xBF;
    }
}
