package dev.wisp.server.http2;

import dev.wisp.server.io.Ascii;

/**
 * HPACK's static table (RFC 7541 §2.3.1, Appendix A): 61 entries at indexes 1..61. Entries that
 * share a name are adjacent, so a value lookup scans from the name's first index.
 */
final class StaticTable {
    static final int SIZE = 61;

    private static final String[] NAMES = new String[SIZE + 1];
    private static final String[] VALUES = new String[SIZE + 1];
    /**
     * First index of each name, by an ASCII-case-insensitive hash (open addressing, 128 slots for
     * 52 names), so callers need not lowercase (and allocate) first.
     */
    private static final int[] FIRST = new int[128];

    static {
        String[] table = {
                ":authority", "",
                ":method", "GET",
                ":method", "POST",
                ":path", "/",
                ":path", "/index.html",
                ":scheme", "http",
                ":scheme", "https",
                ":status", "200",
                ":status", "204",
                ":status", "206",
                ":status", "304",
                ":status", "400",
                ":status", "404",
                ":status", "500",
                "accept-charset", "",
                "accept-encoding", "gzip, deflate",
                "accept-language", "",
                "accept-ranges", "",
                "accept", "",
                "access-control-allow-origin", "",
                "age", "",
                "allow", "",
                "authorization", "",
                "cache-control", "",
                "content-disposition", "",
                "content-encoding", "",
                "content-language", "",
                "content-length", "",
                "content-location", "",
                "content-range", "",
                "content-type", "",
                "cookie", "",
                "date", "",
                "etag", "",
                "expect", "",
                "expires", "",
                "from", "",
                "host", "",
                "if-match", "",
                "if-modified-since", "",
                "if-none-match", "",
                "if-range", "",
                "if-unmodified-since", "",
                "last-modified", "",
                "link", "",
                "location", "",
                "max-forwards", "",
                "proxy-authenticate", "",
                "proxy-authorization", "",
                "range", "",
                "referer", "",
                "refresh", "",
                "retry-after", "",
                "server", "",
                "set-cookie", "",
                "strict-transport-security", "",
                "transfer-encoding", "",
                "user-agent", "",
                "vary", "",
                "via", "",
                "www-authenticate", ""};
        for (int i = 1; i <= SIZE; i++) {
            NAMES[i] = table[2 * i - 2];
            VALUES[i] = table[2 * i - 1];
            int slot = hash(NAMES[i]);
            while (FIRST[slot] != 0 && NAMES[FIRST[slot]] != NAMES[i]) {
                slot = (slot + 1) & (FIRST.length - 1);
            }
            if (FIRST[slot] == 0) {
                FIRST[slot] = i;
            }
        }
    }

    private StaticTable() {
    }

    static String name(int index) {
        return NAMES[index];
    }

    static String value(int index) {
        return VALUES[index];
    }

    /** The first index with this name (any case), or 0. */
    static int indexOfName(String name) {
        for (int slot = hash(name); FIRST[slot] != 0; slot = (slot + 1) & (FIRST.length - 1)) {
            if (Ascii.equalsIgnoreCase(NAMES[FIRST[slot]], name)) {
                return FIRST[slot];
            }
        }
        return 0;
    }

    /** The index of the field {@code value} under the name at {@code nameIndex} (0 for none), or 0. */
    static int indexOf(int nameIndex, String value) {
        for (int k = nameIndex; k != 0 && k <= SIZE && NAMES[k] == NAMES[nameIndex]; k++) {
            if (VALUES[k].equals(value)) {
                return k;
            }
        }
        return 0;
    }

    private static int hash(String name) {
        int h = name.length();
        for (int i = 0; i < name.length(); i++) {
            h = 31 * h + (name.charAt(i) | 0x20); // folds ASCII case; other collisions just probe
        }
        return (h ^ (h >>> 7)) & (FIRST.length - 1);
    }
}
