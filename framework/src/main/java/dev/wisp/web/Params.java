package dev.wisp.web;

import dev.wisp.web.problem.BadRequestException;
import dev.wisp.web.problem.FieldError;
import dev.wisp.web.routing.PathParams;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

/**
 * Decoded query parameters or form fields: an immutable, ordered multi-map (a key may repeat:
 * {@code ?tag=a&tag=b}). Built by {@link UrlEncoded#parse}.
 *
 * <p>Typed getters take a default for an absent key; a present value that does not parse is a
 * {@link BadRequestException} (400) naming the parameter. {@code require…} variants answer an
 * absent key with a 400 too.
 */
public final class Params {
    private final String label;
    private final String[] pairs; // key0, value0, key1, value1, ...

    Params(String label, String[] pairs) {
        this.label = label;
        this.pairs = pairs;
    }

    /** No parameters. */
    public static Params empty(String label) {
        return new Params(label, new String[0]);
    }

    /** How many key/value pairs (repeated keys counted each time). */
    public int size() {
        return pairs.length / 2;
    }

    public boolean isEmpty() {
        return pairs.length == 0;
    }

    public boolean has(String name) {
        return get(name) != null;
    }

    /** The first value of {@code name}, or {@code null}. A key without {@code =} has value "". */
    public String get(String name) {
        for (int i = 0; i < pairs.length; i += 2) {
            if (pairs[i].equals(name)) {
                return pairs[i + 1];
            }
        }
        return null;
    }

    public String get(String name, String defaultValue) {
        String v = get(name);
        return v == null ? defaultValue : v;
    }

    /** Every value of {@code name}, in order; empty when absent. */
    public List<String> all(String name) {
        List<String> values = new ArrayList<>(2);
        for (int i = 0; i < pairs.length; i += 2) {
            if (pairs[i].equals(name)) {
                values.add(pairs[i + 1]);
            }
        }
        return Collections.unmodifiableList(values);
    }

    /** The distinct names, in first-seen order. */
    public Set<String> names() {
        Set<String> names = new LinkedHashSet<>();
        for (int i = 0; i < pairs.length; i += 2) {
            names.add(pairs[i]);
        }
        return Collections.unmodifiableSet(names);
    }

    /** The first value of {@code name}; 400 when it is absent. */
    public String require(String name) {
        String v = get(name);
        if (v == null) {
            throw bad(name, "is required");
        }
        return v;
    }

    public int getInt(String name, int defaultValue) {
        String v = get(name);
        return v == null ? defaultValue : parseInt(name, v);
    }

    public int requireInt(String name) {
        return parseInt(name, require(name));
    }

    public long getLong(String name, long defaultValue) {
        String v = get(name);
        return v == null ? defaultValue : parseLong(name, v);
    }

    public long requireLong(String name) {
        return parseLong(name, require(name));
    }

    /**
     * {@code true}/{@code false} (also {@code 1}/{@code 0}, {@code on}/{@code off},
     * {@code yes}/{@code no}, any case); a key present with an empty value ({@code ?verbose}) is
     * {@code true}.
     */
    public boolean getBoolean(String name, boolean defaultValue) {
        String v = get(name);
        if (v == null) {
            return defaultValue;
        }
        return switch (v.toLowerCase(java.util.Locale.ROOT)) {
            case "", "true", "1", "on", "yes" -> true;
            case "false", "0", "off", "no" -> false;
            default -> throw bad(name, "must be true or false");
        };
    }

    /** A UUID in canonical form, or {@code null} when absent. */
    public UUID getUuid(String name) {
        String v = get(name);
        if (v == null) {
            return null;
        }
        UUID uuid = PathParams.parseUuid(v);
        if (uuid == null) {
            throw bad(name, "must be a UUID like 123e4567-e89b-12d3-a456-426614174000");
        }
        return uuid;
    }

    /** A copy as a map from name to all its values, in order. */
    public Map<String, List<String>> asMap() {
        Map<String, List<String>> map = new LinkedHashMap<>();
        for (int i = 0; i < pairs.length; i += 2) {
            map.computeIfAbsent(pairs[i], k -> new ArrayList<>()).add(pairs[i + 1]);
        }
        map.replaceAll((k, v) -> List.copyOf(v));
        return Collections.unmodifiableMap(map);
    }

    private int parseInt(String name, String v) {
        try {
            return Integer.parseInt(v);
        } catch (NumberFormatException e) {
            throw bad(name, "must be an integer between " + Integer.MIN_VALUE + " and " + Integer.MAX_VALUE);
        }
    }

    private long parseLong(String name, String v) {
        try {
            return Long.parseLong(v);
        } catch (NumberFormatException e) {
            throw bad(name, "must be an integer between " + Long.MIN_VALUE + " and " + Long.MAX_VALUE);
        }
    }

    private BadRequestException bad(String name, String why) {
        return new BadRequestException(label + " '" + name + "' " + why, List.of(FieldError.parameter(name, why)));
    }

    @Override
    public String toString() {
        return label + "s" + asMap();
    }
}
