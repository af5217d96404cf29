package dev.wisp.server.io;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.Locale;

/**
 * The {@code Date} header line (RFC 9110 §6.6.1, IMF-fixdate), formatted at most once per second
 * and shared by all connections.
 */
public final class HttpDate {
    private static final DateTimeFormatter IMF_FIXDATE =
            DateTimeFormatter.ofPattern("EEE, dd MMM yyyy HH:mm:ss 'GMT'", Locale.US).withZone(ZoneOffset.UTC);

    private record Cached(long second, byte[] line, String value) {
    }

    private static volatile Cached cached = new Cached(-1, new byte[0], "");

    private HttpDate() {
    }

    /** {@code Date: <now>\r\n} as bytes; don't modify the array. */
    public static byte[] headerLine() {
        return current().line;
    }

    /** The field value alone, for protocols that encode fields themselves (HTTP/2). */
    public static String value() {
        return current().value;
    }

    private static Cached current() {
        long second = System.currentTimeMillis() / 1000;
        Cached c = cached;
        if (c.second != second) {
            String value = IMF_FIXDATE.format(Instant.ofEpochSecond(second));
            c = new Cached(second, ("Date: " + value + "\r\n").getBytes(StandardCharsets.US_ASCII), value);
            cached = c;
        }
        return c;
    }
}
