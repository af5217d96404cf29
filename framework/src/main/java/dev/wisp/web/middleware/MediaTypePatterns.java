package dev.wisp.web.middleware;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * A set of media-type patterns, compiled once and matched against {@code Content-Type} values with
 * no allocation: {@code type/subtype} (exact), {@code type/*} (any subtype) and {@code *}{@code /*+suffix}
 * (any type with that structured-syntax suffix, RFC 6838 §4.2.8). Matching ignores case and
 * parameters ({@code text/html; charset=utf-8} is {@code text/html}). Immutable and thread-safe.
 */
final class MediaTypePatterns {
    private final String[] exact;
    private final String[] prefixes; // "text/"
    private final String[] suffixes; // "+json"

    private MediaTypePatterns(List<String> exact, List<String> prefixes, List<String> suffixes) {
        this.exact = exact.toArray(String[]::new);
        this.prefixes = prefixes.toArray(String[]::new);
        this.suffixes = suffixes.toArray(String[]::new);
    }

    /** Compiles {@code patterns}; throws {@link IllegalArgumentException} naming a malformed one. */
    static MediaTypePatterns compile(List<String> patterns) {
        List<String> exact = new ArrayList<>();
        List<String> prefixes = new ArrayList<>();
        List<String> suffixes = new ArrayList<>();
        for (String p : patterns) {
            String s = p.strip().toLowerCase(Locale.ROOT);
            int slash = s.indexOf('/');
            boolean wellFormed = slash > 0 && slash < s.length() - 1 && s.indexOf('/', slash + 1) < 0
                    && s.indexOf(';') < 0 && s.indexOf(' ') < 0;
            if (wellFormed && s.startsWith("*/*+") && s.length() > 4) {
                suffixes.add(s.substring(3));
            } else if (wellFormed && s.endsWith("/*") && s.indexOf('*') == s.length() - 1) {
                prefixes.add(s.substring(0, s.length() - 1));
            } else if (wellFormed && s.indexOf('*') < 0) {
                exact.add(s);
            } else {
                throw new IllegalArgumentException("Media type pattern '" + p + "' is not supported: write type/subtype "
                        + "(application/json), type/* (text/*) or */*+suffix (*/*+json), without parameters");
            }
        }
        return new MediaTypePatterns(exact, prefixes, suffixes);
    }

    /** Whether the media type of {@code contentType} (parameters ignored) matches a pattern. */
    boolean matches(String contentType) {
        int start = 0;
        int end = contentType.indexOf(';');
        if (end < 0) {
            end = contentType.length();
        }
        while (start < end && isSpace(contentType.charAt(start))) {
            start++;
        }
        while (end > start && isSpace(contentType.charAt(end - 1))) {
            end--;
        }
        int len = end - start;
        for (String e : exact) {
            if (e.length() == len && contentType.regionMatches(true, start, e, 0, len)) {
                return true;
            }
        }
        for (String p : prefixes) {
            if (len > p.length() && contentType.regionMatches(true, start, p, 0, p.length())) {
                return true;
            }
        }
        int slash = contentType.indexOf('/', start);
        for (String s : suffixes) {
            if (slash > start && end - s.length() > slash + 1
                    && contentType.regionMatches(true, end - s.length(), s, 0, s.length())) {
                return true;
            }
        }
        return false;
    }

    private static boolean isSpace(char c) {
        return c == ' ' || c == '\t';
    }
}
