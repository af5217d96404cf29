package dev.wisp.web.routing;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Objects;
import java.util.Set;

/**
 * A parsed route pattern: {@code /users/{id}/files/{rest...}}. Parsed once at registration; the
 * request path is never matched against the pattern text.
 *
 * <p>Grammar: the pattern starts with {@code /} and is split on {@code /} into segments. A segment
 * is a literal (matched against the percent-decoded request segment), a parameter {@code {name}}
 * (matches one non-empty segment), or, as the last segment only, a catch-all {@code {name...}} or
 * {@code *} (matches the rest of the path, which may be empty, and may contain {@code /}). A
 * parameter must be a whole segment; names are Java-identifier-like and unique within a pattern.
 * An empty last segment ({@code /users/}) stands for a trailing slash; empty segments elsewhere,
 * {@code .} and {@code ..}, and {@code %} (write decoded text instead) are rejected.
 *
 * @param text     the pattern as written
 * @param segments its segments, in order
 */
public record RoutePattern(String text, List<Segment> segments) {

    /** One segment of a pattern. */
    public sealed interface Segment {
    }

    /** A segment that must equal {@code text} once the request segment is percent-decoded. */
    public record Literal(String text) implements Segment {
    }

    /** {@code {name}}: any one non-empty segment. */
    public record Param(String name) implements Segment {
    }

    /** {@code {name...}} or {@code *} (named {@code *}): the rest of the path, possibly empty. */
    public record CatchAll(String name) implements Segment {
    }

    public RoutePattern {
        Objects.requireNonNull(text, "text");
        segments = List.copyOf(segments);
    }

    /** Parses {@code pattern}, throwing {@link IllegalArgumentException} with a fix when it is invalid. */
    public static RoutePattern parse(String pattern) {
        Objects.requireNonNull(pattern, "pattern");
        if (!pattern.startsWith("/")) {
            throw invalid(pattern, "it must start with '/', e.g. '/" + pattern + "'");
        }
        List<Segment> segments = new ArrayList<>();
        Set<String> names = new HashSet<>();
        int start = 1;
        while (true) {
            int end = pattern.indexOf('/', start);
            boolean last = end < 0;
            if (last) {
                end = pattern.length();
            }
            String seg = pattern.substring(start, end);
            if (!segments.isEmpty() && segments.getLast() instanceof CatchAll) {
                throw invalid(pattern, "a catch-all ('{name...}' or '*') must be the last segment");
            }
            segments.add(segment(pattern, seg, last, names));
            if (last) {
                return new RoutePattern(pattern, segments);
            }
            start = end + 1;
        }
    }

    private static Segment segment(String pattern, String seg, boolean last, Set<String> names) {
        if (seg.equals("*")) {
            if (!names.add("*")) {
                throw invalid(pattern, "it has more than one catch-all");
            }
            return new CatchAll("*");
        }
        if (seg.startsWith("{") && seg.endsWith("}") && seg.length() > 2) {
            String name = seg.substring(1, seg.length() - 1);
            boolean catchAll = name.endsWith("...");
            if (catchAll) {
                name = name.substring(0, name.length() - 3);
            }
            if (!isName(name)) {
                throw invalid(pattern, "'" + seg + "' is not a valid parameter; use letters, digits and '_', starting with a letter or '_', like '{id}'");
            }
            if (!names.add(name)) {
                throw invalid(pattern, "parameter '" + name + "' appears twice; give each parameter its own name");
            }
            return catchAll ? new CatchAll(name) : new Param(name);
        }
        if (seg.indexOf('{') >= 0 || seg.indexOf('}') >= 0 || seg.indexOf('*') >= 0) {
            throw invalid(pattern, "a parameter must be a whole segment ('/files/{name}', not '/files/{name}.txt'), and '*' only a whole last segment");
        }
        if (seg.indexOf('%') >= 0) {
            throw invalid(pattern, "write literal segments decoded ('/café', not '/caf%C3%A9'); requests are decoded before matching");
        }
        if (seg.isEmpty() && !last) {
            throw invalid(pattern, "it has an empty segment ('//')");
        }
        if (seg.equals(".") || seg.equals("..")) {
            throw invalid(pattern, "'.' and '..' segments are not allowed");
        }
        return new Literal(seg);
    }

    private static boolean isName(String s) {
        if (s.isEmpty() || !(Character.isLetter(s.charAt(0)) || s.charAt(0) == '_')) {
            return false;
        }
        for (int i = 1; i < s.length(); i++) {
            char c = s.charAt(i);
            if (!(Character.isLetterOrDigit(c) || c == '_')) {
                return false;
            }
        }
        return true;
    }

    private static IllegalArgumentException invalid(String pattern, String why) {
        return new IllegalArgumentException("Route pattern '" + pattern + "' is invalid: " + why);
    }

    /**
     * Joins a group prefix and a pattern: {@code ("/admin", "/stats")} → {@code /admin/stats};
     * {@code ("/admin", "")} → {@code /admin}; {@code ("/admin", "/")} → {@code /admin/}. The
     * prefix must not end with {@code /} (the pattern supplies it) or contain a catch-all.
     */
    public static String join(String prefix, String pattern) {
        if (prefix.isEmpty()) {
            return pattern;
        }
        if (!pattern.isEmpty() && !pattern.startsWith("/")) {
            throw invalid(pattern, "it must start with '/' (or be \"\" for the group's own path)");
        }
        return prefix + pattern;
    }

    /** Validates a group or mount prefix: a pattern without trailing slash or catch-all, or "" for none. */
    public static String checkPrefix(String prefix) {
        Objects.requireNonNull(prefix, "prefix");
        if (prefix.isEmpty() || prefix.equals("/")) {
            return "";
        }
        if (prefix.endsWith("/")) {
            throw new IllegalArgumentException("Prefix '" + prefix + "' must not end with '/': write '" + prefix.substring(0, prefix.length() - 1) + "'");
        }
        RoutePattern parsed = parse(prefix);
        if (parsed.segments().getLast() instanceof CatchAll) {
            throw new IllegalArgumentException("Prefix '" + prefix + "' must not end with a catch-all: the group's routes supply the rest");
        }
        return prefix;
    }

    /** Whether the pattern has any parameter or catch-all. */
    public boolean hasParameters() {
        for (Segment s : segments) {
            if (!(s instanceof Literal)) {
                return true;
            }
        }
        return false;
    }

    /** Parameter and catch-all names, in order. */
    public List<String> parameterNames() {
        List<String> names = new ArrayList<>();
        for (Segment s : segments) {
            if (s instanceof Param p) {
                names.add(p.name());
            } else if (s instanceof CatchAll c) {
                names.add(c.name());
            }
        }
        return names;
    }

    @Override
    public String toString() {
        return text;
    }
}
