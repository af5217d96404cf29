package dev.wisp.web.middleware;

import dev.wisp.server.Headers;
import java.util.List;

/**
 * What a request's {@code Accept-Encoding} allows for a response that could be sent as gzip or as
 * is (RFC 9110 §12.5.3), as two weights in thousandths: {@code gzip} and {@code identity}, each
 * 0 (not acceptable) to 1000.
 *
 * <p><b>Rules.</b> Codings are case-insensitive tokens with an optional {@code ;q=} weight
 * (§12.4.2: {@code 0}, {@code 0.5}, {@code 1.000}; three decimals at most). {@code x-gzip} is
 * {@code gzip} (§8.4.1.3). {@code *} stands for every coding not listed, including
 * {@code identity}. A coding that is neither listed nor covered by {@code *} is not acceptable,
 * except {@code identity}, which is acceptable unless {@code identity;q=0} or {@code *;q=0}
 * excludes it. An empty value asks for no coding. A coding listed twice keeps its lowest weight
 * (a refusal is never overridden). An element that breaks the grammar (a bad weight, a non-token)
 * is ignored, which can only leave identity acceptable.
 *
 * <p><b>No field.</b> §12.5.3 says any coding is then acceptable, but clients that don't send
 * {@code Accept-Encoding} are mostly tools that would not decode gzip, so Wisp sends identity, as
 * nginx, Go's gzip handlers and Express do.
 *
 * @param gzip     weight of gzip, 0..1000
 * @param identity weight of identity (no coding), 0..1000
 */
record AcceptEncoding(int gzip, int identity) {
    /** No field, or an empty one: identity only. */
    static final AcceptEncoding IDENTITY_ONLY = new AcceptEncoding(0, 1000);
    private static final int UNSET = -1;

    /** Whether gzip is acceptable and weighs at least as much as identity (ties go to gzip). */
    boolean prefersGzip() {
        return gzip > 0 && gzip >= identity;
    }

    boolean identityAllowed() {
        return identity > 0;
    }

    boolean gzipAllowed() {
        return gzip > 0;
    }

    /** The preference expressed by every {@code Accept-Encoding} line of {@code headers}. */
    static AcceptEncoding of(Headers headers) {
        String first = headers.get("Accept-Encoding");
        if (first == null) {
            return IDENTITY_ONLY;
        }
        if (headers.count("Accept-Encoding") == 1) {
            return parse(first);
        }
        List<String> all = headers.all("Accept-Encoding");
        return parse(String.join(",", all));
    }

    static AcceptEncoding parse(String value) {
        int gzip = UNSET;
        int identity = UNSET;
        int star = UNSET;
        int n = value.length();
        int i = 0;
        while (i < n) {
            int end = value.indexOf(',', i);
            if (end < 0) {
                end = n;
            }
            long element = element(value, i, end);
            i = end + 1;
            if (element < 0) {
                continue;
            }
            int q = (int) (element & 0xffff);
            switch ((int) (element >>> 16)) {
                case GZIP -> gzip = lower(gzip, q);
                case IDENTITY -> identity = lower(identity, q);
                case STAR -> star = lower(star, q);
                default -> {
                }
            }
        }
        int gzipQ = gzip != UNSET ? gzip : star != UNSET ? star : 0;
        int identityQ = identity != UNSET ? identity : star != UNSET ? star : 1000;
        // "*;q=0" excludes identity only when identity isn't listed; "*;q=0.5" just weighs it.
        return new AcceptEncoding(gzipQ, identityQ);
    }

    private static final int OTHER = 0;
    private static final int GZIP = 1;
    private static final int IDENTITY = 2;
    private static final int STAR = 3;

    /**
     * One list element {@code value[from, to)}: {@code (kind << 16) | weight}, or -1 when it is
     * empty or malformed.
     */
    private static long element(String value, int from, int to) {
        int start = skipSpace(value, from, to);
        int tokenEnd = start;
        while (tokenEnd < to && isTokenChar(value.charAt(tokenEnd))) {
            tokenEnd++;
        }
        if (tokenEnd == start) {
            return -1;
        }
        int kind = kind(value, start, tokenEnd);
        int q = 1000;
        int i = skipSpace(value, tokenEnd, to);
        while (i < to) {
            if (value.charAt(i) != ';') {
                return -1;
            }
            i = skipSpace(value, i + 1, to);
            int nameEnd = i;
            while (nameEnd < to && isTokenChar(value.charAt(nameEnd))) {
                nameEnd++;
            }
            if (nameEnd == i || nameEnd >= to || value.charAt(nameEnd) != '=') {
                return -1;
            }
            int valueStart = nameEnd + 1;
            int valueEnd = valueStart;
            while (valueEnd < to && value.charAt(valueEnd) != ';' && value.charAt(valueEnd) != ' ' && value.charAt(valueEnd) != '\t') {
                valueEnd++;
            }
            if (nameEnd - i == 1 && (value.charAt(i) == 'q' || value.charAt(i) == 'Q')) {
                q = qvalue(value, valueStart, valueEnd);
                if (q < 0) {
                    return -1;
                }
            }
            i = skipSpace(value, valueEnd, to);
        }
        return ((long) kind << 16) | q;
    }

    private static int kind(String value, int start, int end) {
        int len = end - start;
        if (len == 1 && value.charAt(start) == '*') {
            return STAR;
        }
        if ((len == 4 && value.regionMatches(true, start, "gzip", 0, 4))
                || (len == 6 && value.regionMatches(true, start, "x-gzip", 0, 6))) {
            return GZIP;
        }
        if (len == 8 && value.regionMatches(true, start, "identity", 0, 8)) {
            return IDENTITY;
        }
        return OTHER;
    }

    /** §12.4.2 {@code qvalue} in thousandths, or -1 when malformed. */
    static int qvalue(String s, int from, int to) {
        int len = to - from;
        if (len < 1 || len > 5) {
            return -1;
        }
        char lead = s.charAt(from);
        if (lead != '0' && lead != '1') {
            return -1;
        }
        if (len > 1 && s.charAt(from + 1) != '.') {
            return -1;
        }
        int q = (lead - '0') * 1000;
        int scale = 100;
        for (int i = from + 2; i < to; i++) {
            char c = s.charAt(i);
            if (c < '0' || c > '9' || (lead == '1' && c != '0')) {
                return -1;
            }
            q += (c - '0') * scale;
            scale /= 10;
        }
        return q;
    }

    private static int lower(int current, int q) {
        return current == UNSET ? q : Math.min(current, q);
    }

    private static int skipSpace(String s, int i, int to) {
        while (i < to && (s.charAt(i) == ' ' || s.charAt(i) == '\t')) {
            i++;
        }
        return i;
    }

    /** RFC 9110 §5.6.2 tchar. */
    private static boolean isTokenChar(char c) {
        return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9')
                || "!#$%&'*+-.^_`|~".indexOf(c) >= 0;
    }
}
