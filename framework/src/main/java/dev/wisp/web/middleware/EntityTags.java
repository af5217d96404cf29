package dev.wisp.web.middleware;

/** Entity-tag list matching for {@code If-None-Match} (RFC 9110 §8.8.3, §13.1.2). */
final class EntityTags {
    private EntityTags() {
    }

    /**
     * Whether the list (or {@code *}) matches {@code etag} under weak comparison: opaque tags
     * equal, {@code W/} prefixes ignored. Entity tags may contain commas, so the list is scanned
     * tag by tag rather than split.
     */
    static boolean weakMatch(String list, String etag) {
        String ours = opaque(etag);
        int i = 0;
        int n = list.length();
        while (i < n) {
            char c = list.charAt(i);
            if (c == ' ' || c == '\t' || c == ',') {
                i++;
            } else if (c == '*') {
                return true;
            } else {
                if (list.startsWith("W/", i)) {
                    i += 2;
                }
                if (i >= n || list.charAt(i) != '"') {
                    return false; // malformed: treat as no match
                }
                int close = list.indexOf('"', i + 1);
                if (close < 0) {
                    return false;
                }
                if (list.regionMatches(i, ours, 0, ours.length()) && close + 1 - i == ours.length()) {
                    return true;
                }
                i = close + 1;
            }
        }
        return false;
    }

    private static String opaque(String etag) {
        return etag.startsWith("W/") ? etag.substring(2) : etag;
    }
}
