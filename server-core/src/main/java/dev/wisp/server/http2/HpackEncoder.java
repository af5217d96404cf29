package dev.wisp.server.http2;

import dev.wisp.server.io.Ascii;


/**
 * Encodes header fields into HPACK blocks (RFC 7541 §6), with this indexing policy:
 * <ul>
 *   <li><b>Sensitive fields are never indexed</b> (§6.2.3, §7.1.3): {@code authorization},
 *       {@code proxy-authorization} and {@code set-cookie} always, and {@code cookie} values under
 *       20 octets, which could be guessed one probe at a time through the shared table (the CRIME
 *       class of attacks). They use the never-indexed literal, which also tells intermediaries not
 *       to index them on the next hop.</li>
 *   <li><b>Fields that differ on every message</b> ({@code content-length}, {@code etag},
 *       {@code last-modified}, {@code location}, {@code content-range}, {@code age},
 *       {@code expires}, {@code x-request-id}) and any field larger than half the table are sent
 *       as literals without indexing: indexing them would only evict what does repeat.</li>
 *   <li><b>Everything else is indexed</b>: an exact match in the static or dynamic table is one
 *       byte or so; otherwise the field is added to the dynamic table (with a name index when
 *       the name is known), so what repeats from response to response — {@code content-type},
 *       {@code server}, {@code cache-control}, {@code vary}, {@code date} within its second — costs
 *       a byte from the second time on.</li>
 * </ul>
 * Names are sent lowercase (RFC 9113 §8.2); strings are Huffman-coded when that is shorter.
 *
 * <p>The table holds at most {@code min(maxTableSize, the peer's SETTINGS_HEADER_TABLE_SIZE)};
 * a change is announced by size updates at the start of the next block (§4.2, §6.3), the lowest
 * value first when the size went down and back up.
 *
 * <p><b>Thread.</b> Owned by the connection's single writer, which must emit the blocks in the
 * order it encodes them. Not thread-safe.
 */
public final class HpackEncoder {
    /** Cookie values shorter than this are never indexed (RFC 7541 §7.1.3). */
    static final int MIN_INDEXED_COOKIE = 20;

    private final DynamicTable table;
    private final long maxTableSize;
    private long effectiveSize;
    private long lowestPending = -1; // lowest size since the last block, or -1 when none is due

    /** @param maxTableSize the most this encoder will use of the peer's table (4096 is typical) */
    public HpackEncoder(int maxTableSize) {
        this.maxTableSize = maxTableSize;
        this.effectiveSize = Math.min(maxTableSize, 4096); // the peer's default, RFC 9113 §6.5.2
        this.table = new DynamicTable(effectiveSize);
        if (effectiveSize != 4096) {
            lowestPending = effectiveSize;
        }
    }

    /** The dynamic table, for tests and diagnostics; not to be changed. */
    DynamicTable table() {
        return table;
    }

    /** Applies the peer's SETTINGS_HEADER_TABLE_SIZE; the change goes out with the next block. */
    public void setPeerHeaderTableSize(long setting) {
        long size = Math.min(maxTableSize, setting);
        if (size != effectiveSize) {
            effectiveSize = size;
            lowestPending = lowestPending < 0 ? size : Math.min(lowestPending, size);
        }
    }

    /** Starts a block: emits a pending table size update. Call once before a block's fields. */
    public void beginBlock(HpackOutput out) {
        if (lowestPending < 0) {
            return;
        }
        if (lowestPending < effectiveSize) {
            out.writeInt(0x20, 5, (int) lowestPending);
            table.setMaxSize(lowestPending);
        }
        out.writeInt(0x20, 5, (int) effectiveSize);
        table.setMaxSize(effectiveSize);
        lowestPending = -1;
    }

    /** Encodes one field; {@code name} in any case, {@code value} Latin-1 as {@code Headers} guarantees. */
    public void field(HpackOutput out, String name, String value) {
        int nameIndex = StaticTable.indexOfName(name);
        if (isSensitive(name, value)) {
            literal(out, 0x10, nameIndex != 0 ? nameIndex : dynamicNameIndex(name), name, value);
            return;
        }
        boolean index = !variesPerMessage(name) && 2 * DynamicTable.sizeOf(name, value) <= table.maxSize();
        int exact = StaticTable.indexOf(nameIndex, value);
        if (exact == 0 && index) {
            exact = dynamicIndex(name, value);
        }
        if (exact != 0) {
            out.writeInt(0x80, 7, exact);
            return;
        }
        if (nameIndex == 0) {
            nameIndex = dynamicNameIndex(name);
        }
        if (!index) {
            literal(out, 0x00, nameIndex, name, value);
            return;
        }
        literal(out, 0x40, nameIndex, name, value);
        table.add(lowercase(name), value);
    }

    /** A literal (§6.2): {@code flags} 0x40 with indexing (6-bit prefix), 0x00 without, 0x10 never (4-bit). */
    private static void literal(HpackOutput out, int flags, int nameIndex, String name, String value) {
        out.writeInt(flags, flags == 0x40 ? 6 : 4, nameIndex);
        if (nameIndex == 0) {
            out.writeString(name, true);
        }
        out.writeString(value, false);
    }

    private int dynamicIndex(String name, String value) {
        for (int i = 1; i <= table.length(); i++) {
            if (table.value(i).equals(value) && Ascii.equalsIgnoreCase(table.name(i), name)) {
                return StaticTable.SIZE + i;
            }
        }
        return 0;
    }

    private int dynamicNameIndex(String name) {
        for (int i = 1; i <= table.length(); i++) {
            if (Ascii.equalsIgnoreCase(table.name(i), name)) {
                return StaticTable.SIZE + i;
            }
        }
        return 0;
    }

    static boolean isSensitive(String name, String value) {
        return Ascii.equalsIgnoreCase(name, "set-cookie")
                || Ascii.equalsIgnoreCase(name, "authorization")
                || Ascii.equalsIgnoreCase(name, "proxy-authorization")
                || (Ascii.equalsIgnoreCase(name, "cookie") && value.length() < MIN_INDEXED_COOKIE);
    }

    private static boolean variesPerMessage(String name) {
        return switch (name.length()) {
            case 3 -> Ascii.equalsIgnoreCase(name, "age");
            case 4 -> Ascii.equalsIgnoreCase(name, "etag");
            case 7 -> Ascii.equalsIgnoreCase(name, "expires");
            case 8 -> Ascii.equalsIgnoreCase(name, "location");
            case 12 -> Ascii.equalsIgnoreCase(name, "x-request-id");
            case 13 -> Ascii.equalsIgnoreCase(name, "last-modified") || Ascii.equalsIgnoreCase(name, "content-range");
            case 14 -> Ascii.equalsIgnoreCase(name, "content-length");
            default -> false;
        };
    }

    /**
     * The name as it goes on the wire ({@link HpackOutput#writeString} folds ASCII letters only), so
     * the table entry is the decoder's: {@code String.toLowerCase} would also fold non-ASCII letters
     * and the two tables would disagree.
     */
    private static String lowercase(String name) {
        for (int i = 0; i < name.length(); i++) {
            char c = name.charAt(i);
            if (c >= 'A' && c <= 'Z') {
                char[] lower = name.toCharArray();
                for (int j = i; j < lower.length; j++) {
                    if (lower[j] >= 'A' && lower[j] <= 'Z') {
                        lower[j] += 32;
                    }
                }
                return new String(lower);
            }
        }
        return name;
    }
}
