package dev.wisp.web;

import dev.wisp.server.Headers;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Reads the {@code Cookie} request header (RFC 6265 §5.4: {@code name=value; name2=value2}).
 * Lenient, as user agents are not all tidy: pieces without {@code =} or with an empty name are
 * skipped, surrounding whitespace and a pair of double quotes around a value are removed, several
 * {@code Cookie} field lines are read in order, and for a repeated name the first value wins (user
 * agents send the most specific path first). Values are not percent-decoded: cookie encoding is
 * the application's convention.
 */
final class Cookies {
    private Cookies() {
    }

    static Map<String, String> parse(Headers headers) {
        Map<String, String> cookies = new LinkedHashMap<>();
        for (String line : headers.all("Cookie")) {
            int start = 0;
            while (start < line.length()) {
                int end = line.indexOf(';', start);
                if (end < 0) {
                    end = line.length();
                }
                int eq = line.indexOf('=', start, end); // bounded to this cookie: no quadratic rescans
                if (eq > start && eq < end) {
                    String name = line.substring(start, eq).strip();
                    String value = line.substring(eq + 1, end).strip();
                    if (value.length() >= 2 && value.startsWith("\"") && value.endsWith("\"")) {
                        value = value.substring(1, value.length() - 1);
                    }
                    if (!name.isEmpty()) {
                        cookies.putIfAbsent(name, value);
                    }
                }
                start = end + 1;
            }
        }
        return Collections.unmodifiableMap(cookies);
    }
}
