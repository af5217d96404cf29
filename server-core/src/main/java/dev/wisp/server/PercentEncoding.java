package dev.wisp.server;

import dev.wisp.server.io.Ascii;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;

/**
 * Strict percent-decoding (RFC 3986 §2.1) of UTF-8 text: the one decoder of the server and the
 * framework, for the request path ({@link Request#path()}), path segments and parameters, query
 * strings and form bodies.
 *
 * <p>Strict means: a {@code %} must be followed by two hex digits, and the decoded bytes must be
 * valid UTF-8 (no overlong forms, no surrogates, no truncated sequences); otherwise
 * {@link MalformedException}. The lenient alternative — keep a bad escape, substitute U+FFFD —
 * gives one value two spellings, and a check made on one spelling is then bypassed with the other
 * (CVE-2021-41773 began with a path decoded one way and checked another).
 *
 * <p>Text without anything to decode is returned as is, without copying. Characters above U+007F
 * in the input are taken as themselves (encoded as UTF-8 before decoding), so already-decoded text
 * passes through unchanged. Stateless and thread-safe.
 */
public final class PercentEncoding {
    private PercentEncoding() {
    }

    /**
     * Decodes {@code s[from, to)} as (part of) a path: {@code +} is a literal plus, and NUL —
     * encoded ({@code %00}) or not — is refused, since no file or route name holds one and
     * C-based code downstream would stop reading there.
     */
    public static String decodePath(String s, int from, int to) {
        return decode(s, from, to, false, true);
    }

    /** {@link #decodePath(String, int, int)} over the whole string. */
    public static String decodePath(String s) {
        return decode(s, 0, s.length(), false, true);
    }

    /**
     * Decodes {@code s[from, to)} as a query or form component: {@code +} means space
     * (WHATWG URL §5.1, {@code application/x-www-form-urlencoded}); NUL and other controls are
     * allowed in the result, which is data rather than a name.
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
                int hi = i + 2 < to ? Ascii.hexValue(s.charAt(i + 1)) : -1;
                int lo = hi >= 0 ? Ascii.hexValue(s.charAt(i + 2)) : -1;
                if (lo < 0) {
                    throw new MalformedException("Malformed percent-encoding: '%' must be followed by two hex digits");
                }
                int v = hi << 4 | lo;
                if (v == 0 && rejectNul) {
                    throw new MalformedException("Encoded NUL (%00) is not allowed in a path");
                }
                out[n++] = (byte) v;
                i += 2;
            } else if (c == '+' && plusAsSpace) {
                out[n++] = ' ';
            } else if (c < 0x80) {
                if (c == 0 && rejectNul) {
                    throw new MalformedException("NUL is not allowed in a path");
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
                    throw new MalformedException("Text contains an unpaired UTF-16 surrogate");
                }
                int cp = Character.toCodePoint(c, s.charAt(++i));
                out[n++] = (byte) (0xF0 | cp >> 18);
                out[n++] = (byte) (0x80 | cp >> 12 & 0x3F);
                out[n++] = (byte) (0x80 | cp >> 6 & 0x3F);
                out[n++] = (byte) (0x80 | cp & 0x3F);
            }
        }
        return strictUtf8(out, 0, n, "Percent-encoded bytes are not valid UTF-8");
    }

    /**
     * Decodes {@code bytes[from, from + length)} as strict UTF-8 (RFC 3629): malformed or
     * truncated sequences, overlong forms and encoded surrogates throw {@link MalformedException};
     * nothing is replaced. The decode behind every method here, for text that must be UTF-8
     * without escapes (a form body, say): one strict UTF-8 decode for the server and the framework.
     */
    public static String utf8(byte[] bytes, int from, int length) {
        return strictUtf8(bytes, from, length, "Text is not valid UTF-8");
    }

    private static String strictUtf8(byte[] bytes, int from, int length, String error) {
        try {
            return StandardCharsets.UTF_8.newDecoder()
                    .onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT)
                    .decode(ByteBuffer.wrap(bytes, from, length))
                    .toString();
        } catch (CharacterCodingException e) {
            throw new MalformedException(error);
        }
    }

    /**
     * Text that cannot be decoded: a bad escape, invalid UTF-8, a NUL in a path. The message is
     * fixed text that never echoes the input, so it is safe to send to a client; it describes the
     * client's input, not a fault in the program, so it carries no stack trace. The server answers
     * it with 400 (in a request target); the framework with a 400 problem.
     */
    public static class MalformedException extends IllegalArgumentException {

        public MalformedException(String message) {
            super(message);
        }

        @Override
        public Throwable fillInStackTrace() {
            return this;
        }
    }
}
