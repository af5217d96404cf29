package dev.wisp.server;

import dev.wisp.server.io.Ascii;
import dev.wisp.server.io.Trusted;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.function.BiConsumer;

/**
 * An immutable, ordered list of header fields. Names compare case-insensitively (RFC 9110 §5.1)
 * and keep the spelling they were given; a name may appear more than once.
 *
 * <p>Field lists are short (tens of entries), so lookups scan a flat array: no hashing and no
 * per-field objects. {@link #with} and {@link #without} return copies.
 */
public final class Headers {
    private static final String[] NONE = new String[0];
    private static final Headers EMPTY = new Headers(NONE, 0);

    // name0, value0, name1, value1, ... ; only the first 2 * size entries are used.
    private final String[] fields;
    private final int size;

    private Headers(String[] fields, int size) {
        this.fields = fields;
        this.size = size;
    }

    static {
        // The parser has checked every byte already; let it skip the second check (see Trusted).
        Trusted.install((fields, size) -> size == 0 ? EMPTY : new Headers(fields, size));
    }

    public static Headers empty() {
        return EMPTY;
    }

    /** Headers from alternating names and values: {@code Headers.of("Content-Type", "text/plain")}. */
    public static Headers of(String... namesAndValues) {
        if (namesAndValues.length % 2 != 0) {
            throw new IllegalArgumentException("Headers.of needs name/value pairs, got an odd number of strings");
        }
        String[] copy = namesAndValues.clone();
        for (int i = 0; i < copy.length; i += 2) {
            checkField(copy[i], copy[i + 1]);
        }
        return new Headers(copy, copy.length / 2);
    }

    public int size() {
        return size;
    }

    public boolean isEmpty() {
        return size == 0;
    }

    /** The name of the field at {@code index}, as it was spelled. */
    public String name(int index) {
        Objects.checkIndex(index, size);
        return fields[2 * index];
    }

    public String value(int index) {
        Objects.checkIndex(index, size);
        return fields[2 * index + 1];
    }

    /** The first value of {@code name}, if present. */
    public Optional<String> first(String name) {
        return Optional.ofNullable(get(name));
    }

    /** The first value of {@code name}, or {@code null}: the allocation-free variant of {@link #first}. */
    public String get(String name) {
        for (int i = 0; i < 2 * size; i += 2) {
            if (fields[i].equalsIgnoreCase(name)) {
                return fields[i + 1];
            }
        }
        return null;
    }

    /** Every value of {@code name}, in order; empty when absent. */
    public List<String> all(String name) {
        List<String> values = null;
        for (int i = 0; i < 2 * size; i += 2) {
            if (fields[i].equalsIgnoreCase(name)) {
                if (values == null) {
                    values = new ArrayList<>(2);
                }
                values.add(fields[i + 1]);
            }
        }
        return values == null ? List.of() : Collections.unmodifiableList(values);
    }

    /** How many field lines carry {@code name}. */
    public int count(String name) {
        int n = 0;
        for (int i = 0; i < 2 * size; i += 2) {
            if (fields[i].equalsIgnoreCase(name)) {
                n++;
            }
        }
        return n;
    }

    public boolean contains(String name) {
        return get(name) != null;
    }

    /**
     * Whether the comma-separated list in {@code name} holds {@code token}, compared
     * case-insensitively (RFC 9110 §5.6.1), for fields such as {@code Connection}.
     */
    public boolean containsToken(String name, String token) {
        for (int i = 0; i < 2 * size; i += 2) {
            if (fields[i].equalsIgnoreCase(name) && listContains(fields[i + 1], token)) {
                return true;
            }
        }
        return false;
    }

    static boolean listContains(String list, String token) {
        int n = list.length();
        int i = 0;
        while (i < n) {
            while (i < n && (list.charAt(i) == ' ' || list.charAt(i) == '\t' || list.charAt(i) == ',')) {
                i++;
            }
            int start = i;
            while (i < n && list.charAt(i) != ',') {
                i++;
            }
            int end = i;
            while (end > start && (list.charAt(end - 1) == ' ' || list.charAt(end - 1) == '\t')) {
                end--;
            }
            if (end - start == token.length() && list.regionMatches(true, start, token, 0, token.length())) {
                return true;
            }
        }
        return false;
    }

    /** The distinct names, in first-seen order, with the first spelling seen. */
    public Set<String> names() {
        Set<String> names = new LinkedHashSet<>();
        outer:
        for (int i = 0; i < 2 * size; i += 2) {
            for (String seen : names) {
                if (seen.equalsIgnoreCase(fields[i])) {
                    continue outer;
                }
            }
            names.add(fields[i]);
        }
        return Collections.unmodifiableSet(names);
    }

    public void forEach(BiConsumer<String, String> action) {
        for (int i = 0; i < 2 * size; i += 2) {
            action.accept(fields[i], fields[i + 1]);
        }
    }

    /** A copy with one more field line appended (existing values of the name are kept). */
    public Headers with(String name, String value) {
        checkField(name, value);
        String[] copy = Arrays.copyOf(fields, 2 * size + 2);
        copy[2 * size] = name;
        copy[2 * size + 1] = value;
        return new Headers(copy, size + 1);
    }

    /** A copy where {@code name} has exactly this one value. */
    public Headers withOnly(String name, String value) {
        return without(name).with(name, value);
    }

    /** A copy without any field line named {@code name}. */
    public Headers without(String name) {
        if (!contains(name)) {
            return this;
        }
        String[] copy = new String[2 * size];
        int n = 0;
        for (int i = 0; i < 2 * size; i += 2) {
            if (!fields[i].equalsIgnoreCase(name)) {
                copy[n++] = fields[i];
                copy[n++] = fields[i + 1];
            }
        }
        return new Headers(copy, n / 2);
    }

    /**
     * Rejects names that are not tokens and values with CR, LF, NUL or other controls, so a
     * handler can never inject a header line or split a response (RFC 9110 §5.1, §5.5).
     */
    static void checkField(String name, String value) {
        Objects.requireNonNull(name, "header name");
        Objects.requireNonNull(value, "header value");
        if (name.isEmpty()) {
            throw new IllegalArgumentException("Header name is empty");
        }
        for (int i = 0; i < name.length(); i++) {
            char c = name.charAt(i);
            if (c > 127 || !Ascii.isToken((byte) c)) {
                throw new IllegalArgumentException("Header name '" + name
                        + "' has a character that is not allowed in a field name (RFC 9110 §5.1): use letters, digits and !#$%&'*+-.^_`|~");
            }
        }
        for (int i = 0; i < value.length(); i++) {
            char c = value.charAt(i);
            if (c > 255 || (c < 32 && c != '\t') || c == 127) {
                throw new IllegalArgumentException("Value of header '" + name
                        + "' has a control or non-Latin-1 character (RFC 9110 §5.5): remove line breaks, encode other text first");
            }
        }
    }

    @Override
    public boolean equals(Object o) {
        if (!(o instanceof Headers other) || other.size != size) {
            return false;
        }
        for (int i = 0; i < 2 * size; i++) {
            boolean same = (i % 2 == 0) ? fields[i].equalsIgnoreCase(other.fields[i]) : fields[i].equals(other.fields[i]);
            if (!same) {
                return false;
            }
        }
        return true;
    }

    @Override
    public int hashCode() {
        int h = size;
        for (int i = 0; i < 2 * size; i += 2) {
            h = 31 * h + fields[i].toLowerCase(java.util.Locale.ROOT).hashCode();
            h = 31 * h + fields[i + 1].hashCode();
        }
        return h;
    }

    @Override
    public String toString() {
        StringBuilder sb = new StringBuilder("Headers[");
        for (int i = 0; i < 2 * size; i += 2) {
            if (i > 0) {
                sb.append(", ");
            }
            sb.append(fields[i]).append(": ").append(fields[i + 1]);
        }
        return sb.append(']').toString();
    }
}
