package dev.wisp.server;

import java.util.Arrays;

/**
 * The immutable attribute slot of a {@link Request}: a few typed entries, copied on write. Requests
 * carry a handful at most, so a flat array beats a map.
 */
public final class Attributes {
    private static final Attributes EMPTY = new Attributes(new Object[0]);

    private final Object[] entries; // key0, value0, key1, value1, ...

    private Attributes(Object[] entries) {
        this.entries = entries;
    }

    public static Attributes empty() {
        return EMPTY;
    }

    @SuppressWarnings("unchecked")
    public <T> T get(AttributeKey<T> key) {
        for (int i = 0; i < entries.length; i += 2) {
            if (entries[i] == key) {
                return (T) entries[i + 1];
            }
        }
        return null;
    }

    /** A copy where {@code key} maps to {@code value}; a {@code null} value removes the key. */
    public <T> Attributes with(AttributeKey<T> key, T value) {
        for (int i = 0; i < entries.length; i += 2) {
            if (entries[i] == key) {
                if (value == null) {
                    Object[] copy = new Object[entries.length - 2];
                    System.arraycopy(entries, 0, copy, 0, i);
                    System.arraycopy(entries, i + 2, copy, i, entries.length - i - 2);
                    return new Attributes(copy);
                }
                Object[] copy = entries.clone();
                copy[i + 1] = value;
                return new Attributes(copy);
            }
        }
        if (value == null) {
            return this;
        }
        Object[] copy = Arrays.copyOf(entries, entries.length + 2);
        copy[entries.length] = key;
        copy[entries.length + 1] = value;
        return new Attributes(copy);
    }

    @Override
    public String toString() {
        StringBuilder sb = new StringBuilder("Attributes[");
        for (int i = 0; i < entries.length; i += 2) {
            sb.append(i == 0 ? "" : ", ").append(((AttributeKey<?>) entries[i]).name()).append('=').append(entries[i + 1]);
        }
        return sb.append(']').toString();
    }
}
