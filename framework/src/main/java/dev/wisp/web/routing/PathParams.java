package dev.wisp.web.routing;

import dev.wisp.server.PercentEncoding;
import dev.wisp.web.problem.BadRequestException;
import dev.wisp.web.problem.FieldError;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * The parameters a route match captured, read by name. Values are kept as positions in the raw
 * (still percent-encoded) path and decoded on access: matching looked at raw segments, so an
 * encoded {@code %2F} stays inside its parameter instead of splitting it, and {@code get} then
 * returns the decoded text ({@code a/b}).
 *
 * <p>Typed getters answer a value that does not parse with a {@link BadRequestException} (400)
 * naming the parameter. Asking for a name the route does not declare is a programming error and
 * throws {@link IllegalArgumentException}.
 */
public final class PathParams {
    /** No parameters. */
    public static final PathParams EMPTY = new PathParams(null, List.of(), "", new int[0]);

    private final RoutePattern pattern;
    private final List<String> names;
    private final String rawPath;
    private final int[] bounds; // start0, end0, start1, end1, ... in rawPath

    PathParams(RoutePattern pattern, List<String> names, String rawPath, int[] bounds) {
        this.pattern = pattern;
        this.names = names;
        this.rawPath = rawPath;
        this.bounds = bounds;
    }

    /** The pattern that matched, or {@code null} for {@link #EMPTY}. */
    public RoutePattern pattern() {
        return pattern;
    }

    public List<String> names() {
        return names;
    }

    public int size() {
        return names.size();
    }

    public boolean isEmpty() {
        return names.isEmpty();
    }

    /** The value as it appeared in the request, still percent-encoded. */
    public String raw(String name) {
        int i = indexOf(name);
        return rawPath.substring(bounds[2 * i], bounds[2 * i + 1]);
    }

    /** The percent-decoded value (UTF-8); a catch-all's value may contain {@code /}. */
    public String get(String name) {
        int i = indexOf(name);
        try {
            return PercentEncoding.decodePath(rawPath, bounds[2 * i], bounds[2 * i + 1]);
        } catch (PercentEncoding.MalformedException e) {
            throw bad(name, e.getMessage());
        }
    }

    public int getInt(String name) {
        String v = get(name);
        try {
            return Integer.parseInt(v);
        } catch (NumberFormatException e) {
            throw bad(name, "must be an integer between " + Integer.MIN_VALUE + " and " + Integer.MAX_VALUE);
        }
    }

    public long getLong(String name) {
        String v = get(name);
        try {
            return Long.parseLong(v);
        } catch (NumberFormatException e) {
            throw bad(name, "must be an integer between " + Long.MIN_VALUE + " and " + Long.MAX_VALUE);
        }
    }

    /** A UUID in its canonical 36-character form ({@code 8-4-4-4-12} hex digits). */
    public UUID getUuid(String name) {
        String v = get(name);
        UUID uuid = parseUuid(v);
        if (uuid == null) {
            throw bad(name, "must be a UUID like 123e4567-e89b-12d3-a456-426614174000");
        }
        return uuid;
    }

    /** Parses a canonical UUID, or returns {@code null}; {@code UUID.fromString} alone accepts '1-1-1-1-1'. */
    public static UUID parseUuid(String v) {
        if (v.length() != 36) {
            return null;
        }
        for (int i = 0; i < 36; i++) {
            char c = v.charAt(i);
            boolean dash = i == 8 || i == 13 || i == 18 || i == 23;
            if (dash ? c != '-' : !isHexDigit(c)) {
                return null;
            }
        }
        return UUID.fromString(v);
    }

    private static boolean isHexDigit(char c) {
        return (c >= '0' && c <= '9') || (c >= 'a' && c <= 'f') || (c >= 'A' && c <= 'F');
    }

    /** All values, decoded, by name in pattern order. */
    public Map<String, String> asMap() {
        Map<String, String> map = new LinkedHashMap<>();
        for (String name : names) {
            map.put(name, get(name));
        }
        return map;
    }

    private int indexOf(String name) {
        int i = names.indexOf(name);
        if (i < 0) {
            throw new IllegalArgumentException("Route '" + pattern + "' has no path parameter '" + name + "'; its parameters are " + names);
        }
        return i;
    }

    private static BadRequestException bad(String name, String why) {
        return new BadRequestException("Path parameter '" + name + "' " + why,
                List.of(FieldError.parameter(name, why)));
    }

    @Override
    public String toString() {
        return "PathParams" + (isEmpty() ? "{}" : asMap().toString());
    }
}
