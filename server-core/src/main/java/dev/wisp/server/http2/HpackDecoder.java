package dev.wisp.server.http2;

import java.nio.charset.StandardCharsets;

/**
 * Decodes HPACK header blocks (RFC 7541 §6) into a {@link FieldList}, keeping the dynamic table
 * in step with the peer's encoder.
 *
 * <p><b>Limits.</b> The dynamic table never exceeds the SETTINGS_HEADER_TABLE_SIZE this endpoint
 * advertised: a larger size update is a COMPRESSION_ERROR, as is one that is not at the start of
 * a block (§4.2, §6.3), and after the setting is lowered the next block must begin with an update
 * that honours it. The decoded header list is bounded by {@code maxHeaderListSize}, counted as
 * SETTINGS_MAX_HEADER_LIST_SIZE is (RFC 9113 §6.5.2: name + value + 32 per field) and counted
 * <em>as the block is decoded</em>. That refuses an HPACK bomb (CVE-2016-6581): a few bytes of
 * indexed references to one large table entry that would decode into megabytes. Past the limit no
 * further field is materialised; the rest of the block is still read, so the dynamic table stays
 * in step and the connection stays usable, and {@link #decode} returns {@code false}: the
 * connection answers that stream with 431 or resets it.
 * Continuing costs time proportional to the block's bytes, which the frame layer bounds.
 *
 * <p>Integers are limited to 2^31-1 and five continuation bytes; strings may not run past the
 * block; Huffman strings are checked for EOS and padding (§5.2). Any violation throws
 * {@link HpackException}, a connection error of type COMPRESSION_ERROR.
 *
 * <p><b>Thread.</b> Owned by the connection's reader, which decodes blocks in the order received
 * (RFC 9113 §4.3). Not thread-safe.
 */
public final class HpackDecoder {
    private final DynamicTable table;
    private final int maxHeaderListSize;
    private long headerTableSizeSetting;
    private boolean sizeUpdateRequired;
    private byte[] scratch = new byte[64];

    // The block being decoded.
    private byte[] in;
    private int pos;
    private int end;

    /**
     * @param headerTableSize   the SETTINGS_HEADER_TABLE_SIZE this endpoint advertises (4096 by default)
     * @param maxHeaderListSize the decoded size past which a header list is refused
     */
    public HpackDecoder(int headerTableSize, int maxHeaderListSize) {
        if (headerTableSize < 0 || maxHeaderListSize < 0) {
            throw new IllegalArgumentException("sizes must be >= 0");
        }
        this.table = new DynamicTable(headerTableSize);
        this.headerTableSizeSetting = headerTableSize;
        this.maxHeaderListSize = maxHeaderListSize;
    }

    /** The dynamic table, for tests and diagnostics; not to be changed. */
    DynamicTable table() {
        return table;
    }

    /**
     * Applies a new SETTINGS_HEADER_TABLE_SIZE once the peer has acknowledged it (RFC 9113
     * §6.5.3). When it is below the table's current maximum, the next block must start with a
     * size update to at most the new value (RFC 7541 §4.2).
     */
    public void setHeaderTableSizeSetting(int size) {
        headerTableSizeSetting = size;
        if (table.maxSize() > size) {
            sizeUpdateRequired = true;
        }
    }

    /**
     * Decodes a complete header block (a HEADERS fragment and its CONTINUATIONs, concatenated),
     * appending its fields to {@code out}.
     *
     * @return {@code true} when the list fits {@code maxHeaderListSize}; {@code false} when it did
     *         not, in which case {@code out} holds only a prefix and must not be used as a request
     * @throws HpackException when the block cannot be decoded (COMPRESSION_ERROR)
     */
    public boolean decode(byte[] block, int off, int len, FieldList out) throws HpackException {
        in = block;
        pos = off;
        end = off + len;
        try {
            return decodeBlock(out);
        } finally {
            in = null;
            if (scratch.length > 4096) {
                scratch = new byte[64]; // an unusually long Huffman string: don't keep its buffer
            }
        }
    }

    private boolean decodeBlock(FieldList out) throws HpackException {
        long listSize = 0;
        boolean collecting = true;
        boolean fieldSeen = false;
        while (pos < end) {
            int b = in[pos] & 0xff;
            if ((b & 0xe0) == 0x20) { // 001xxxxx: dynamic table size update, §6.3
                if (fieldSeen) {
                    throw new HpackException("table size update after a field");
                }
                int size = readInt(5);
                if (size > headerTableSizeSetting) {
                    throw new HpackException("table size update above the advertised maximum");
                }
                table.setMaxSize(size);
                sizeUpdateRequired = false;
                continue;
            }
            if (sizeUpdateRequired) {
                throw new HpackException("missing table size update after a lower SETTINGS_HEADER_TABLE_SIZE");
            }
            fieldSeen = true;
            String name;
            String value;
            if ((b & 0x80) != 0) { // 1xxxxxxx: indexed field, §6.1
                int index = readInt(7);
                name = name(index);
                value = index <= StaticTable.SIZE ? StaticTable.value(index) : table.value(index - StaticTable.SIZE);
            } else {
                boolean indexing = (b & 0xc0) == 0x40; // 01xxxxxx, §6.2.1; else 0000xxxx / 0001xxxx, §6.2.2-3
                int nameIndex = readInt(indexing ? 6 : 4);
                boolean materialise = collecting || indexing;
                name = nameIndex != 0 ? name(nameIndex) : readString(materialise);
                value = readString(materialise);
                if (indexing) {
                    table.add(name, value);
                }
            }
            if (collecting) {
                listSize += DynamicTable.sizeOf(name, value);
                if (listSize > maxHeaderListSize) {
                    collecting = false; // an HPACK bomb or just too much: stop building the list
                } else {
                    out.add(name, value);
                }
            }
        }
        if (sizeUpdateRequired) {
            throw new HpackException("missing table size update after a lower SETTINGS_HEADER_TABLE_SIZE");
        }
        return collecting;
    }

    private String name(int index) throws HpackException {
        if (index == 0 || index > StaticTable.SIZE + table.length()) {
            throw new HpackException("field index out of range");
        }
        return index <= StaticTable.SIZE ? StaticTable.name(index) : table.name(index - StaticTable.SIZE);
    }

    /** An integer with an N-bit prefix (§5.1), at most 2^31-1. */
    private int readInt(int prefixBits) throws HpackException {
        int max = (1 << prefixBits) - 1;
        int value = in[pos++] & max;
        if (value < max) {
            return value;
        }
        for (int shift = 0; shift <= 28; shift += 7) {
            if (pos == end) {
                throw new HpackException("truncated integer");
            }
            int b = in[pos++] & 0xff;
            long v = value + ((long) (b & 0x7f) << shift);
            if (v > Integer.MAX_VALUE) {
                throw new HpackException("integer overflow");
            }
            value = (int) v;
            if ((b & 0x80) == 0) {
                return value;
            }
        }
        throw new HpackException("integer overflow");
    }

    /** A string literal (§5.2); when not {@code materialise}, skipped and {@code null}. */
    private String readString(boolean materialise) throws HpackException {
        if (pos == end) {
            throw new HpackException("truncated string");
        }
        boolean huffman = (in[pos] & 0x80) != 0;
        int len = readInt(7);
        if (len > end - pos) {
            throw new HpackException("string longer than the block");
        }
        int start = pos;
        pos += len;
        if (!materialise) {
            return null;
        }
        if (!huffman) {
            return new String(in, start, len, StandardCharsets.ISO_8859_1);
        }
        int max = (int) (len * 8L / 5);
        if (scratch.length < max) {
            scratch = new byte[Math.max(max, 2 * scratch.length)];
        }
        int n = Huffman.decode(in, start, len, scratch);
        return new String(scratch, 0, n, StandardCharsets.ISO_8859_1);
    }
}
