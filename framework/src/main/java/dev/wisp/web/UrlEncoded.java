package dev.wisp.web;

import dev.wisp.server.PercentEncoding;
import dev.wisp.web.routing.DecodingException;
import java.util.Arrays;
import java.util.Objects;

/**
 * Parses {@code application/x-www-form-urlencoded} text, the format of query strings and HTML form
 * bodies (WHATWG URL §5.1): pairs separated by {@code &}, key and value by the first {@code =},
 * {@code +} meaning space, percent-escapes decoded as UTF-8. Empty pieces ({@code a=1&&b=2}) are
 * skipped; a piece without {@code =} is a key with value "".
 *
 * <p><b>Errors.</b> Unlike the WHATWG parser, which keeps bad escapes and substitutes U+FFFD for
 * bad UTF-8, this one is strict, like the rest of Wisp: a malformed escape, bytes that are not
 * UTF-8 throw the shared decoder's {@link PercentEncoding.MalformedException}, more than
 * {@code maxPairs} pairs its subclass {@link DecodingException}; that is the only exception type it
 * throws for any input. {@code WebRequest} turns it into a 400 problem.
 */
public final class UrlEncoded {
    /** The default cap on pairs: plenty for forms, and a bound on work per request. */
    public static final int DEFAULT_MAX_PAIRS = 1000;

    private UrlEncoded() {
    }

    /** Parses with the default cap, labelling errors "Parameter". */
    public static Params parse(String text) {
        return parse(text, DEFAULT_MAX_PAIRS, "Parameter");
    }

    /**
     * @param maxPairs the most pairs accepted
     * @param label    how typed-getter errors name a key ("Query parameter", "Form field")
     */
    public static Params parse(String text, int maxPairs, String label) {
        Objects.requireNonNull(text, "text");
        if (text.isEmpty()) {
            return Params.empty(label);
        }
        String[] pairs = new String[8];
        int n = 0;
        int start = 0;
        int len = text.length();
        while (start <= len) {
            int end = text.indexOf('&', start);
            if (end < 0) {
                end = len;
            }
            if (end > start) {
                if (n / 2 == maxPairs) {
                    throw new DecodingException("More than " + maxPairs + " parameters");
                }
                // Bounded to this piece: an unbounded search would rescan the rest of the text
                // for every '='-less piece, quadratic in the body size.
                int eq = text.indexOf('=', start, end);
                if (eq < 0) {
                    eq = end;
                }
                if (n + 2 > pairs.length) {
                    pairs = Arrays.copyOf(pairs, pairs.length * 2);
                }
                pairs[n++] = PercentEncoding.decodeComponent(text, start, eq);
                pairs[n++] = eq == end ? "" : PercentEncoding.decodeComponent(text, eq + 1, end);
            }
            start = end + 1;
        }
        return new Params(label, Arrays.copyOf(pairs, n));
    }
}
