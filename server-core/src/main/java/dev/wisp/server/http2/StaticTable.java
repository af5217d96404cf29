package dev.wisp.server.http2;

import java.util.TreeMap;

/**
 * HPACK's static table (RFC 7541 §2.3.1, Appendix A): 61 entries at indexes 1..61. Entries that
 * share a name are adjacent, so a value lookup scans from the name's first index.
 */
final class StaticTable {
    static final int SIZE = 61;

    private static final String[] NAMES = new String[SIZE + 1];
    private static final String[] VALUES = new String[SIZE + 1];
    /** First index of each name; case-insensitive, so callers need not lowercase first. */
    private static final TreeMap<String, Integer> FIRST = new TreeMap<>(String.CASE_INSENSITIVE_ORDER);

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
            FIRST.putIfAbsent(NAMES[i], i);
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
        Integer i = FIRST.get(name);
        return i == null ? 0 : i;
    }

    /** The index of this exact field (name in any case), or 0. */
    static int indexOf(String name, String value) {
        int i = indexOfName(name);
        if (i == 0) {
            return 0;
        }
        for (int k = i; k <= SIZE && NAMES[k] == NAMES[i]; k++) {
            if (VALUES[k].equals(value)) {
                return k;
            }
        }
        return 0;
    }
}
