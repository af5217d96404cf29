package dev.wisp.web.routing;

import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;

/**
 * Strict percent-decoding (RFC 3986 §2.1) of UTF-8 text, for path segments and for the components
 * of {@code application/x-www-form-urlencoded} data. Strict means: a {@code %} must be followed by
 * two hex digits and the decoded bytes must be valid UTF-8, otherwise {@link DecodingException}.
 * The lenient alternative (keep bad escapes, substitute U+FFFD) lets two spellings of one value
 * slip past a check on the other, which is exactly what the server core refuses for paths too.
 *
 * <p>Text without {@code %} (and without {@code +} when {@code +} means space) is returned without
 * copying. Characters above U+007F in the input are taken as themselves (encoded as UTF-8 before
 * decoding), so already-decoded text passes through unchanged.
 */
public final class PercentDecoder {
    private PercentDecoder() {
    }

    /**
     * Decodes {@code s[from, to)} as a path segment: {@code +} is a literal plus, and an encoded
     * NUL ({@code %00}) is rejected, as the core rejects it in whole paths.
     */
    public static String decodePathSegment(String s, int from, int to) {
        return decode(s, from, to, false, true);
    }

    /**
     * Decodes {@code s[from, to)} as a query or form component: {@code +} means space
     * (WHATWG URL §5.1); control characters, NUL included, are allowed in the result.
     */
    public static String decodeComponent(String s, int from, int to) {
        return decode(s, from, to, true, false);
    }

    private static String decode(String s, int from, int to, boolean plusAsSpace, boolean rejectNul) {
        int i = from;
        while (i < to) {
            char c = s.charAt(i);
            if (c == '%' || c >= 0x80 || (plusAsSpace && c == '+') || (rejectNul && c == 0)) {
                break;
            }
            i++;
        }
        if (i == to) {
            return from == 0 && to == s.length() ? s : s.substring(from, to);
        }
        // Worst case 3 bytes per char (a surrogate pair is 2 chars for 4 bytes).
        byte[] out = new byte[(to - from) * 3];
        int n = 0;
        for (int k = from; k < i; k++) {
            out[n++] = (byte) s.charAt(k);
        }
        for (; i < to; i++) {
            char c = s.charAt(i);
            if (c == '%') {
                int hi = i + 2 < to ? hex(s.charAt(i + 1)) : -1;
                int lo = hi >= 0 ? hex(s.charAt(i + 2)) : -1;
                if (lo < 0) {
                    throw new DecodingException("Malformed percent-encoding: '%' must be followed by two hex digits");
                }
                int v = hi << 4 | lo;
                if (v == 0 && rejectNul) {
                    throw new DecodingException("Encoded NUL (%00) is not allowed in a path");
                }
                out[n++] = (byte) v;
                i += 2;
            } else if (c == '+' && plusAsSpace) {
                out[n++] = ' ';
            } else if (c < 0x80) {
                if (c == 0 && rejectNul) {
                    throw new DecodingException("NUL is not allowed in a path");
                }
                out[n++] = (byte) c;
            } else if (c < 0x800) {
                out[n++] = (byte) (0xC0 | c >> 6);
                out[n++] = (byte) (0x80 | c & 0x3F);
            } else if (!Character.isSurrogate(c)) {
                out[n++] = (byte) (0xE0 | c >> 12);
                out[n++] = (byte) (0x80 | c >> 6 & 0x3F);
                out[n++] = (byte) (0x80 | c & 0x3F);
            } else {
                if (!Character.isHighSurrogate(c) || i + 1 >= to || !Character.isLowSurrogate(s.charAt(i + 1))) {
                    throw new DecodingException("Text contains an unpaired UTF-16 surrogate");
                }
                int cp = Character.toCodePoint(c, s.charAt(++i));
                out[n++] = (byte) (0xF0 | cp >> 18);
                out[n++] = (byte) (0x80 | cp >> 12 & 0x3F);
                out[n++] = (byte) (0x80 | cp >> 6 & 0x3F);
                out[n++] = (byte) (0x80 | cp & 0x3F);
            }
        }
        try {
            return StandardCharsets.UTF_8.newDecoder()
                    .onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT)
                    .decode(ByteBuffer.wrap(out, 0, n))
                    .toString();
        } catch (CharacterCodingException e) {
            throw new DecodingException("Percent-encoded bytes are not valid UTF-8");
        }
    }

    /** The value of one hex digit, either case, or -1: shared with the forwarded-header parsers. */
    public static int hex(char c) {
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
