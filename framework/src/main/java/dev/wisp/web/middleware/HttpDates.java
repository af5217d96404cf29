package dev.wisp.web.middleware;

import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeFormatterBuilder;
import java.time.format.DateTimeParseException;
import java.time.temporal.ChronoField;
import java.util.List;
import java.util.Locale;

/**
 * HTTP dates (RFC 9110 §5.6.7): written as IMF-fixdate, read in all three formats a recipient must
 * accept (IMF-fixdate, RFC 850, asctime). Note that {@code DateTimeFormatter.RFC_1123_DATE_TIME}
 * is not IMF-fixdate: it writes one-digit days.
 */
final class HttpDates {
    private static final DateTimeFormatter IMF_FIXDATE =
            DateTimeFormatter.ofPattern("EEE, dd MMM yyyy HH:mm:ss 'GMT'", Locale.US).withZone(ZoneOffset.UTC);
    private static final DateTimeFormatter RFC_850 = new DateTimeFormatterBuilder()
            .appendPattern("EEEE, dd-MMM-")
            .appendValueReduced(ChronoField.YEAR, 2, 2, 1970)
            .appendPattern(" HH:mm:ss 'GMT'")
            .toFormatter(Locale.US);
    private static final DateTimeFormatter ASCTIME = DateTimeFormatter.ofPattern("EEE MMM ppd HH:mm:ss yyyy", Locale.US);
    private static final List<DateTimeFormatter> READ = List.of(IMF_FIXDATE, RFC_850, ASCTIME);

    private HttpDates() {
    }

    static String format(long epochMillis) {
        return IMF_FIXDATE.format(Instant.ofEpochMilli(epochMillis));
    }

    /** Seconds since the epoch, or -1 when {@code value} is not an HTTP-date. */
    static long parseSeconds(String value) {
        String v = value.strip();
        for (DateTimeFormatter f : READ) {
            try {
                return LocalDateTime.parse(v, f).toEpochSecond(ZoneOffset.UTC);
            } catch (DateTimeParseException e) {
                // try the next format
            }
        }
        return -1;
    }
}
