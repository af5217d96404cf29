package dev.wisp.web.json;

/** Reading a parameter out of a media type ({@code type/subtype; name=value; ...}, RFC 9110 §8.3.1). */
final class MediaTypes {
    private MediaTypes() {
    }

    /** The value of parameter {@code name} (case-insensitive), unquoted, or {@code null}. */
    static String parameter(String contentType, int from, String name) {
        int i = from;
        int n = contentType.length();
        while (i < n) {
            if (contentType.charAt(i) != ';') {
                i++;
                continue;
            }
            i++;
            while (i < n && (contentType.charAt(i) == ' ' || contentType.charAt(i) == '\t')) {
                i++;
            }
            int eq = contentType.indexOf('=', i);
            if (eq < 0) {
                return null;
            }
            String key = contentType.substring(i, eq).strip();
            int end = eq + 1;
            String value;
            if (end < n && contentType.charAt(end) == '"') {
                int close = contentType.indexOf('"', end + 1);
                value = contentType.substring(end + 1, close < 0 ? n : close);
                end = close < 0 ? n : close + 1;
            } else {
                int semi = contentType.indexOf(';', end);
                value = contentType.substring(end, semi < 0 ? n : semi).strip();
                end = semi < 0 ? n : semi;
            }
            if (key.equalsIgnoreCase(name)) {
                return value;
            }
            i = end;
        }
        return null;
    }
}
