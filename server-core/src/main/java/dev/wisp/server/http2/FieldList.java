package dev.wisp.server.http2;

import java.util.Arrays;

/**
 * The fields of one decoded header block, in order, as the decoder produced them: names as sent
 * (HPACK carries them lowercase; validation is the request layer's), values as octets read as
 * ISO-8859-1. Reused from block to block by the connection's reader, so its contents are valid
 * only until the next decode; a request copies what it keeps. Not thread-safe.
 */
public final class FieldList {
    private String[] fields = new String[32]; // name0, value0, name1, value1, ...
    private int size;

    public int size() {
        return size;
    }

    public String name(int i) {
        return fields[2 * checked(i)];
    }

    public String value(int i) {
        return fields[2 * checked(i) + 1];
    }

    /** Empties the list for the next block, dropping references to the last one's strings. */
    public void clear() {
        Arrays.fill(fields, 0, 2 * size, null);
        size = 0;
    }

    /** Appends a field; used by the decoder and by tests. */
    public void add(String name, String value) {
        if (2 * size == fields.length) {
            fields = Arrays.copyOf(fields, fields.length * 2);
        }
        fields[2 * size] = name;
        fields[2 * size + 1] = value;
        size++;
    }

    private int checked(int i) {
        if (i < 0 || i >= size) {
            throw new IndexOutOfBoundsException(i);
        }
        return i;
    }

    @Override
    public String toString() {
        StringBuilder sb = new StringBuilder("[");
        for (int i = 0; i < size; i++) {
            sb.append(i == 0 ? "" : ", ").append(fields[2 * i]).append(": ").append(fields[2 * i + 1]);
        }
        return sb.append(']').toString();
    }
}
