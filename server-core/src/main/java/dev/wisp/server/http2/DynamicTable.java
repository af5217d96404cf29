package dev.wisp.server.http2;

/**
 * HPACK's dynamic table (RFC 7541 §2.3.2, §4): a FIFO of fields, newest first, whose size is the
 * sum over entries of 32 + name length + value length in octets (§4.1). Adding an entry evicts the
 * oldest ones until it fits; an entry larger than the maximum empties the table and is not added
 * (§4.4). Lowering the maximum evicts at once (§4.3).
 *
 * <p>A ring of references: entries are the decoded {@code String}s themselves, shared with the
 * header lists that use them. Not thread-safe; the decoder's table belongs to the connection's
 * reader, the encoder's to its writer.
 */
final class DynamicTable {
    /** The per-entry overhead of RFC 7541 §4.1. */
    static final int ENTRY_OVERHEAD = 32;

    private String[] names = new String[8];
    private String[] values = new String[8];
    private int head; // slot of the oldest entry
    private int count;
    private long size;
    private long maxSize;

    DynamicTable(long maxSize) {
        this.maxSize = maxSize;
    }

    static long sizeOf(String name, String value) {
        return ENTRY_OVERHEAD + (long) name.length() + value.length();
    }

    int length() {
        return count;
    }

    long size() {
        return size;
    }

    long maxSize() {
        return maxSize;
    }

    /** Name of the entry at dynamic index {@code i}: 1 is the newest, {@link #length()} the oldest. */
    String name(int i) {
        return names[slot(i)];
    }

    String value(int i) {
        return values[slot(i)];
    }

    private int slot(int i) {
        return (head + count - i) & (names.length - 1);
    }

    /** Sets the maximum size (a size update, §6.3) and evicts until the table fits. */
    void setMaxSize(long max) {
        maxSize = max;
        evictUntil(max);
    }

    /** Adds a field as the newest entry, evicting as §4.4 says. */
    void add(String name, String value) {
        long entry = sizeOf(name, value);
        if (entry > maxSize) {
            evictUntil(0);
            return;
        }
        evictUntil(maxSize - entry);
        if (count == names.length) {
            grow();
        }
        int slot = (head + count) & (names.length - 1);
        names[slot] = name;
        values[slot] = value;
        count++;
        size += entry;
    }

    private void evictUntil(long target) {
        while (size > target) {
            size -= sizeOf(names[head], values[head]);
            names[head] = null;
            values[head] = null;
            head = (head + 1) & (names.length - 1);
            count--;
        }
    }

    /** Doubles the ring (kept a power of two); bounded because entries take at least 32 bytes of maxSize. */
    private void grow() {
        String[] n = new String[names.length * 2];
        String[] v = new String[names.length * 2];
        for (int i = 0; i < count; i++) {
            n[i] = names[(head + i) & (names.length - 1)];
            v[i] = values[(head + i) & (names.length - 1)];
        }
        names = n;
        values = v;
        head = 0;
    }
}
