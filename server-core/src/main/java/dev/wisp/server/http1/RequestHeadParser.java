package dev.wisp.server.http1;

import dev.wisp.server.io.Ascii;
import dev.wisp.server.io.Trusted;
import dev.wisp.server.io.HttpInput;

import dev.wisp.server.Headers;
import dev.wisp.server.HttpProtocolException;
import dev.wisp.server.Limits;
import java.io.IOException;
import java.nio.charset.StandardCharsets;

/**
 * Parses a request line and header section (RFC 9112 §2–5) straight from the connection's buffer.
 *
 * <p>Strict by design: every rule whose laxity has enabled request smuggling is enforced. Lines end
 * in CRLF (a bare LF or bare CR is rejected, RFC 9112 §2.2); field names are tokens with no
 * whitespace before the colon (§5.1); obs-fold is rejected (§5.2); values may not hold NUL or other
 * controls (RFC 9110 §5.5). Leading empty lines before the request line are skipped (§2.2).
 * Bytes become {@code String}s only for complete tokens; common methods and field names come from
 * a table, so they cost no allocation.
 */
public final class RequestHeadParser {
    private static final String[] METHODS = {"GET", "POST", "PUT", "DELETE", "HEAD", "OPTIONS", "PATCH"};
    private static final String[] COMMON_NAMES = {
        "Host", "Accept", "Accept-Encoding", "Accept-Language", "Authorization", "Cache-Control", "Connection",
        "Content-Length", "Content-Type", "Cookie", "Expect", "If-Modified-Since", "If-None-Match", "Origin",
        "Range", "Referer", "Transfer-Encoding", "User-Agent", "Upgrade-Insecure-Requests", "X-Request-Id",
        "X-Forwarded-For", "Access-Control-Request-Method", "Access-Control-Request-Headers", "Pragma",
        "Sec-Fetch-Mode", "Sec-Fetch-Site", "Sec-Fetch-Dest", "Priority", "TE", "Trailer",
    };

    private static final String[][] NAMES_BY_LENGTH = byLength(COMMON_NAMES);

    private final Limits limits;

    public RequestHeadParser(Limits limits) {
        this.limits = limits;
    }

    /**
     * Parses the next request head. Returns {@code null} on a clean end of stream before any byte
     * of a request; throws {@link HttpProtocolException} for a malformed or oversized head and
     * {@link java.io.EOFException} when the stream ends inside one.
     */
    public RequestHead parse(HttpInput in) throws IOException {
        int lf = skipEmptyLinesAndFindRequestLine(in);
        if (lf == HttpInput.EOF) {
            return null;
        }
        byte[] b = in.buffer();
        int start = in.position();
        if (lf == start || b[lf - 1] != '\r') {
            throw HttpProtocolException.badRequest("Request line must end with CRLF");
        }
        int end = lf - 1;

        int i = start;
        while (i < end && Ascii.isToken(b[i])) {
            i++;
        }
        if (i == start || i == end || b[i] != ' ') {
            throw HttpProtocolException.badRequest("Invalid request line: expected METHOD SP target SP HTTP-version");
        }
        String method = method(b, start, i);
        int targetStart = ++i;
        while (i < end && Ascii.isTarget(b[i])) {
            i++;
        }
        if (i == targetStart || i == end || b[i] != ' ') {
            throw HttpProtocolException.badRequest("Invalid request target or request line");
        }
        String target = new String(b, targetStart, i - targetStart, StandardCharsets.ISO_8859_1);
        int minor = version(b, i + 1, end);
        in.consume(lf + 1);

        Headers headers = parseFields(in, limits.http1().maxHeaderBytes(), limits.http1().maxHeaderCount());
        return new RequestHead(method, target, minor, headers);
    }

    private int skipEmptyLinesAndFindRequestLine(HttpInput in) throws IOException {
        int budget = limits.http1().maxRequestLineBytes();
        while (true) {
            if (!in.awaitData()) {
                return HttpInput.EOF;
            }
            checkLineStart(in);
            int lf = in.findLineEnd(budget);
            if (lf == HttpInput.EOF) {
                if (in.buffered() == 0) {
                    return HttpInput.EOF;
                }
                throw new java.io.EOFException("Connection closed inside a request line");
            }
            if (lf == HttpInput.TOO_LONG) {
                throw new HttpProtocolException(414, "Request line too long", true);
            }
            int len = lf - in.position() + 1;
            if (len == 2 && in.buffer()[in.position()] == '\r') {
                // RFC 9112 §2.2: ignore empty lines received before the request line.
                in.consume(lf + 1);
                budget -= 2;
                continue;
            }
            return lf;
        }
    }

    /**
     * Refuses, from its first byte, input that cannot be a request line: a method is a token
     * (RFC 9112 §3.1) and an empty line is CRLF (§2.2). Anything else — a TLS ClientHello (0x16)
     * sent to a plaintext port, binary, a stray LF — gets its 400 at once instead of after a line
     * end that may never come, or after the head timeout. After a CR the parser waits for exactly
     * one more byte, so the answer is the same however the input was split.
     */
    private static void checkLineStart(HttpInput in) throws IOException {
        byte first = in.buffer()[in.position()];
        boolean valid;
        if (first == '\r') {
            if (in.buffered() < 2 && in.fill(2) < 0) {
                throw new java.io.EOFException("Connection closed inside a request line");
            }
            valid = in.buffer()[in.position() + 1] == '\n'; // fill may have moved the bytes
        } else {
            valid = Ascii.isToken(first);
        }
        if (!valid) {
            throw HttpProtocolException.badRequest("Not an HTTP request: a request line starts with a method");
        }
    }

    /**
     * Parses field lines up to and including the empty line that ends them; used for the header
     * section and for chunked trailers (RFC 9112 §7.1.2).
     */
    public static Headers parseFields(HttpInput in, int maxBytes, int maxCount) throws IOException {
        String[] fields = new String[16];
        int count = 0;
        int budget = maxBytes;
        while (true) {
            int lf = in.findLineEnd(budget);
            if (lf == HttpInput.EOF) {
                throw new java.io.EOFException("Connection closed inside the header section");
            }
            if (lf == HttpInput.TOO_LONG) {
                throw new HttpProtocolException(431, "Header section too large", true);
            }
            byte[] b = in.buffer();
            int start = in.position();
            if (lf == start || b[lf - 1] != '\r') {
                throw HttpProtocolException.badRequest("Header line must end with CRLF");
            }
            int end = lf - 1;
            budget -= lf + 1 - start;
            if (end == start) {
                in.consume(lf + 1);
                return Trusted.headers(fields, count);
            }
            if (b[start] == ' ' || b[start] == '\t') {
                throw HttpProtocolException.badRequest("Obsolete line folding is not allowed");
            }
            if (count == maxCount) {
                throw new HttpProtocolException(431, "Too many header fields", true);
            }
            int colon = start;
            while (colon < end && Ascii.isToken(b[colon])) {
                colon++;
            }
            if (colon == end || b[colon] != ':') {
                throw HttpProtocolException.badRequest(colon == end
                        ? "Header line without a colon"
                        : "Invalid character in header field name");
            }
            if (colon == start) {
                throw HttpProtocolException.badRequest("Empty header field name");
            }
            int vs = colon + 1;
            while (vs < end && (b[vs] == ' ' || b[vs] == '\t')) {
                vs++;
            }
            int ve = end;
            while (ve > vs && (b[ve - 1] == ' ' || b[ve - 1] == '\t')) {
                ve--;
            }
            for (int k = vs; k < ve; k++) {
                if (!Ascii.isFieldValue(b[k])) {
                    throw HttpProtocolException.badRequest("Invalid character in header field value");
                }
            }
            if (2 * count + 2 > fields.length) {
                fields = java.util.Arrays.copyOf(fields, fields.length * 2);
            }
            fields[2 * count] = name(b, start, colon);
            fields[2 * count + 1] = new String(b, vs, ve - vs, StandardCharsets.ISO_8859_1);
            count++;
            in.consume(lf + 1);
        }
    }

    /** HTTP-version = "HTTP/" DIGIT "." DIGIT, case-sensitive (RFC 9112 §2.3). */
    private static int version(byte[] b, int from, int end) throws HttpProtocolException {
        if (end - from != 8 || b[from] != 'H' || b[from + 1] != 'T' || b[from + 2] != 'T' || b[from + 3] != 'P'
                || b[from + 4] != '/' || !digit(b[from + 5]) || b[from + 6] != '.' || !digit(b[from + 7])) {
            throw HttpProtocolException.badRequest("Invalid HTTP version");
        }
        if (b[from + 5] != '1') {
            throw new HttpProtocolException(505, "Only HTTP/1.0 and HTTP/1.1 are supported", true);
        }
        return b[from + 7] == '0' ? 0 : 1;
    }

    private static boolean digit(byte c) {
        return c >= '0' && c <= '9';
    }

    private static String method(byte[] b, int from, int to) {
        for (String m : METHODS) {
            if (matches(b, from, to, m, false)) {
                return m;
            }
        }
        return new String(b, from, to - from, StandardCharsets.ISO_8859_1);
    }

    private static String name(byte[] b, int from, int to) {
        int len = to - from;
        if (len < NAMES_BY_LENGTH.length) {
            for (String n : NAMES_BY_LENGTH[len]) {
                if (matches(b, from, to, n, true)) {
                    return n;
                }
            }
        }
        return new String(b, from, to - from, StandardCharsets.ISO_8859_1);
    }

    private static String[][] byLength(String[] names) {
        int max = 0;
        for (String n : names) {
            max = Math.max(max, n.length());
        }
        String[][] buckets = new String[max + 1][];
        for (int len = 0; len <= max; len++) {
            final int l = len;
            buckets[len] = java.util.Arrays.stream(names).filter(n -> n.length() == l).toArray(String[]::new);
        }
        return buckets;
    }

    private static boolean matches(byte[] b, int from, int to, String s, boolean ignoreCase) {
        if (to - from != s.length()) {
            return false;
        }
        for (int i = 0; i < s.length(); i++) {
            int c = b[from + i];
            int e = s.charAt(i);
            if (c != e && !(ignoreCase && (c | 0x20) == (e | 0x20) && (e | 0x20) >= 'a' && (e | 0x20) <= 'z')) {
                return false;
            }
        }
        return true;
    }
}
