package dev.wisp.web.routing;

import dev.wisp.server.PercentEncoding;
import java.util.Map;

/**
 * The literal children of a tree node: an open-addressing table looked up by a region of the raw
 * path, so matching a literal segment allocates nothing. The region's hash is computed with the
 * same formula as {@link String#hashCode()} (which the JDK specifies), so it can be compared with
 * the keys' cached hashes. A segment with a {@code %} is decoded first and looked up as a string.
 */
final class StaticTable<N> {
    private final String[] keys;
    private final Object[] values;
    private final int mask;

    StaticTable(Map<String, N> entries) {
        int capacity = Integer.highestOneBit(Math.max(2, entries.size() * 2) - 1) << 1;
        keys = new String[capacity];
        values = new Object[capacity];
        mask = capacity - 1;
        entries.forEach((k, v) -> {
            int i = spread(k.hashCode()) & mask;
            while (keys[i] != null) {
                i = (i + 1) & mask;
            }
            keys[i] = k;
            values[i] = v;
        });
    }

    /** The child for segment {@code path[from, to)}, decoding it first if it holds escapes; or null. */
    @SuppressWarnings("unchecked")
    N find(String path, int from, int to) {
        int h = 0;
        for (int i = from; i < to; i++) {
            char c = path.charAt(i);
            if (c == '%') {
                String decoded = PercentEncoding.decodePath(path, from, to);
                return decoded.indexOf('/') >= 0 ? null : find(decoded, 0, decoded.length(), decoded.hashCode());
            }
            h = 31 * h + c;
        }
        return find(path, from, to, h);
    }

    @SuppressWarnings("unchecked")
    private N find(String path, int from, int to, int hash) {
        int len = to - from;
        for (int i = spread(hash) & mask; ; i = (i + 1) & mask) {
            String k = keys[i];
            if (k == null) {
                return null;
            }
            if (k.length() == len && k.hashCode() == hash && path.regionMatches(from, k, 0, len)) {
                return (N) values[i];
            }
        }
    }

    private static int spread(int h) {
        return h ^ (h >>> 16);
    }
}
