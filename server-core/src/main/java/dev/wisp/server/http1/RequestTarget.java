package dev.wisp.server.http1;

import dev.wisp.server.io.Ascii;

import dev.wisp.server.HttpProtocolException;
import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;

/**
 * Splits a request-target (RFC 9112 §3.2) into raw path and raw query, and percent-decodes the path.
 * Origin-form ({@code /p?q}), absolute-form ({@code http://host/p?q}) and asterisk-form
 * ({@code *}, OPTIONS only) are accepted; authority-form belongs to CONNECT, which the server
 * answers with 501 before getting here.
 */
public record RequestTarget(String rawPath, String path, String query) {

    public static RequestTarget parse(String method, String target) throws HttpProtocolException {
        if (target.equals("*")) {
            if (!method.equals("OPTIONS")) {
                throw HttpProtocolException.badRequest("The asterisk-form target is only allowed with OPTIONS");
            }
            return new RequestTarget("*", "*", "");
        }
        int pathStart;
        if (target.isEmpty()) {
            throw HttpProtocolException.badRequest("Empty request target");
        }
        if (target.charAt(0) == '/') {
            pathStart = 0;
        } else if (startsWithIgnoreCase(target, "http://") || startsWithIgnoreCase(target, "https://")) {
            int authority = target.indexOf("//") + 2;
            pathStart = authority;
            while (pathStart < target.length() && target.charAt(pathStart) != '/' && target.charAt(pathStart) != '?') {
                pathStart++;
            }
            if (pathStart == authority) {
                throw HttpProtocolException.badRequest("Absolute-form target without a host");
            }
        } else {
            throw HttpProtocolException.badRequest("Request target must start with '/' or be an absolute URI");
        }
        int q = target.indexOf('?', pathStart);
        int pathEnd = q < 0 ? target.length() : q;
        String rawPath = pathStart == pathEnd ? "/" : target.substring(pathStart, pathEnd);
        if (pathStart == 0 && q < 0) {
            rawPath = target;
        }
        String query = q < 0 ? "" : target.substring(q + 1);
        return new RequestTarget(rawPath, decodePath(rawPath), query);
    }

    /**
     * Percent-decodes a path as UTF-8. Malformed escapes, invalid UTF-8 and an encoded NUL are
     * rejected: each has been used to slip a path past a check that looked at another spelling.
     */
    public static String decodePath(String raw) throws HttpProtocolException {
        int first = raw.indexOf('%');
        if (first < 0) {
            return raw;
        }
        byte[] out = new byte[raw.length()];
        int n = 0;
        for (int i = 0; i < raw.length(); i++) {
            char c = raw.charAt(i);
            if (c == '%') {
                int hi = i + 2 < raw.length() ? Ascii.hexValue(raw.charAt(i + 1)) : -1;
                int lo = hi >= 0 ? Ascii.hexValue(raw.charAt(i + 2)) : -1;
                if (lo < 0) {
                    throw HttpProtocolException.badRequest("Malformed percent-encoding in path");
                }
                int v = hi << 4 | lo;
                if (v == 0) {
                    throw HttpProtocolException.badRequest("Encoded NUL in path");
                }
                out[n++] = (byte) v;
                i += 2;
            } else {
                out[n++] = (byte) c;
            }
        }
        try {
            CharBuffer chars = StandardCharsets.UTF_8.newDecoder()
                    .onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT)
                    .decode(ByteBuffer.wrap(out, 0, n));
            return chars.toString();
        } catch (CharacterCodingException e) {
            throw HttpProtocolException.badRequest("Path is not valid UTF-8 after percent-decoding");
        }
    }

    private static boolean startsWithIgnoreCase(String s, String prefix) {
        return s.regionMatches(true, 0, prefix, 0, prefix.length());
    }
}
