package dev.wisp.web.middleware;

/**
 * Entity-tag list matching for {@code If-Match} and {@code If-None-Match} (RFC 9110 §8.8.3,
 * §13.1.1, §13.1.2), shared by {@link Conditional}, {@link StaticFiles} and {@link Compression}.
 *
 * <p><b>Grammar.</b> A field value is {@code *} alone or a list of
 * {@code [W/] DQUOTE *etagc DQUOTE} with {@code etagc = %x21 / %x23-7E / %x80-FF}. Entity tags may
 * contain commas, so the list is scanned tag by tag rather than split. A value that breaks the
 * grammar anywhere (an unquoted tag, {@code *} inside a list, a missing quote) matches nothing: for
 * {@code If-Match} that fails the precondition (the state change is not made), for
 * {@code If-None-Match} it means "send the full response". Go's {@code net/http} draws the same
 * line.
 *
 * <p><b>Coding suffix.</b> {@link Compression} gives a response it compresses the strong tag
 * {@code "abc-gzip"} when the uncompressed one is {@code "abc"} (RFC 9110 §8.8.3.3: a strong tag
 * must differ between content codings). A tag from the request matches the current tag when it is
 * equal or is the current tag with that suffix, so a client holding the gzip variant's tag can still
 * send it in {@code If-Match}. The reverse is not true, and {@code If-Range} (exact byte ranges)
 * never uses the suffix rule.
 */
final class EntityTags {
    /** The suffix {@link Compression} adds inside the quotes of a strong tag it compresses. */
    static final String GZIP_SUFFIX = "-gzip";

    private EntityTags() {
    }

    /** §8.8.3.2 weak comparison, for {@code If-None-Match}. */
    static boolean weakMatch(String list, String etag) {
        return matches(list, etag, true, false);
    }

    /** §8.8.3.2 strong comparison, for {@code If-Match}: both tags must be strong. */
    static boolean strongMatch(String list, String etag) {
        return matches(list, etag, true, true);
    }

    /**
     * Whether the field value {@code list} matches the current representation.
     *
     * @param etag   the current tag with quotes (and {@code W/} if weak), or {@code null} if it has none
     * @param exists whether there is a current representation at all ({@code *} matches only then)
     * @param strong strong comparison ({@code If-Match}) or weak ({@code If-None-Match})
     */
    static boolean matches(String list, String etag, boolean exists, boolean strong) {
        int n = list.length();
        int start = skipSpace(list, 0);
        int end = n;
        while (end > start && isSpace(list.charAt(end - 1))) {
            end--;
        }
        if (end - start == 1 && list.charAt(start) == '*') {
            return exists;
        }
        boolean currentWeak = etag != null && etag.startsWith("W/");
        String current = etag == null ? null : currentWeak ? etag.substring(2) : etag;
        boolean matched = false;
        boolean sawTag = false;
        int i = start;
        while (i < end) {
            char c = list.charAt(i);
            if (c == ',' || isSpace(c)) {
                i++;
                continue;
            }
            boolean weak = list.startsWith("W/", i);
            int open = weak ? i + 2 : i;
            int close = closingQuote(list, open, end);
            if (close < 0) {
                return false;
            }
            // Next must be the end, or a comma after optional whitespace.
            int next = skipSpace(list, close + 1);
            if (next < end && list.charAt(next) != ',') {
                return false;
            }
            sawTag = true;
            if (current != null && !(strong && (weak || currentWeak))
                    && sameOrSuffixed(list, open, close + 1, current)) {
                matched = true;
            }
            i = next;
        }
        return sawTag && matched;
    }

    /**
     * Whether {@code list} holds {@code etag} (strong, quoted) with the gzip suffix: the client
     * stored the compressed variant. Used to answer a 304 with the tag the client knows.
     */
    static boolean listsSuffixed(String list, String etag) {
        if (etag.startsWith("W/") || etag.length() < 2) {
            return false;
        }
        return matches(list, suffixed(etag), true, true);
    }

    /** {@code "abc"} → {@code "abc-gzip"}; a weak tag is returned unchanged (§8.8.1: it may be shared). */
    static String suffixed(String etag) {
        if (etag.startsWith("W/") || etag.length() < 2 || !etag.endsWith("\"")) {
            return etag;
        }
        return etag.substring(0, etag.length() - 1) + GZIP_SUFFIX + "\"";
    }

    /** The index of the closing quote of a tag opening at {@code open}, or -1 when malformed. */
    private static int closingQuote(String s, int open, int end) {
        if (open >= end || s.charAt(open) != '"') {
            return -1;
        }
        for (int i = open + 1; i < end; i++) {
            char c = s.charAt(i);
            if (c == '"') {
                return i;
            }
            if (c < 0x21 || c == 0x7f || c > 0xff) {
                return -1;
            }
        }
        return -1;
    }

    /** Whether {@code list[from, to)} (a quoted opaque tag) equals {@code current} or is it with the suffix. */
    private static boolean sameOrSuffixed(String list, int from, int to, String current) {
        int len = to - from;
        if (len == current.length()) {
            return list.regionMatches(from, current, 0, len);
        }
        int body = current.length() - 1; // without the closing quote
        return len == current.length() + GZIP_SUFFIX.length()
                && list.regionMatches(from, current, 0, body)
                && list.regionMatches(from + body, GZIP_SUFFIX, 0, GZIP_SUFFIX.length());
    }

    private static int skipSpace(String s, int i) {
        while (i < s.length() && isSpace(s.charAt(i))) {
            i++;
        }
        return i;
    }

    private static boolean isSpace(char c) {
        return c == ' ' || c == '\t';
    }
}
