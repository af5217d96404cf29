package dev.wisp.web.sse;

import java.nio.charset.StandardCharsets;
import java.time.Duration;

/**
 * One event of an {@code text/event-stream} (HTML Living Standard §9.2.6), as a value. Every
 * component is optional ({@code null}); an event with neither {@code data} nor anything else is
 * refused. A client dispatches only events that carry {@code data}; an {@code id} or
 * {@code retry} alone updates the client's last event ID or reconnection time.
 *
 * <ul>
 *   <li>{@code id}: the client's new last event ID, sent back as {@code Last-Event-ID} when it
 *       reconnects. Must not contain CR, LF (they would end the field) or NUL (a client ignores
 *       such an id, §9.2.6 "id").</li>
 *   <li>{@code event}: the event type ({@code null} means the client's default,
 *       {@code "message"}). Must not contain CR or LF.</li>
 *   <li>{@code data}: any text. Line breaks (CRLF, LF or a lone CR) split it into one
 *       {@code data:} line each, and the client joins them back with LF, so a CRLF or CR arrives
 *       as LF.</li>
 *   <li>{@code retry}: the reconnection time the client should use, whole milliseconds, ≥ 0.</li>
 * </ul>
 *
 * <p>The same record is what the test client in {@code dev.wisp.web.testing} reports for a
 * received event; there {@code id} is the client's last event ID at dispatch ({@code null} when
 * empty), as the standard defines {@code MessageEvent.lastEventId}.
 */
public record SseEvent(String id, String event, String data, Duration retry) {

    public SseEvent {
        if (id == null && event == null && data == null && retry == null) {
            throw new IllegalArgumentException("An SSE event needs at least one of id, event, data or retry");
        }
        if (id != null && (id.indexOf('\r') >= 0 || id.indexOf('\n') >= 0 || id.indexOf('\0') >= 0)) {
            throw new IllegalArgumentException("An SSE event id must not contain CR, LF or NUL (a client would cut or ignore it)");
        }
        if (event != null && (event.indexOf('\r') >= 0 || event.indexOf('\n') >= 0)) {
            throw new IllegalArgumentException("An SSE event type must not contain CR or LF");
        }
        if (retry != null && (retry.isNegative() || retry.toMillis() > Long.MAX_VALUE / 2)) {
            throw new IllegalArgumentException("An SSE retry must be a non-negative duration, got " + retry);
        }
    }

    /** An event with only data (type {@code "message"}). */
    public static SseEvent data(String data) {
        return new SseEvent(null, null, requireData(data), null);
    }

    /** An event of a type, with data. */
    public static SseEvent of(String event, String data) {
        return new SseEvent(null, event, requireData(data), null);
    }

    /** A copy with this id. */
    public SseEvent withId(String id) {
        return new SseEvent(id, event, data, retry);
    }

    /** A copy with this reconnection time. */
    public SseEvent withRetry(Duration retry) {
        return new SseEvent(id, event, data, retry);
    }

    private static String requireData(String data) {
        if (data == null) {
            throw new IllegalArgumentException("SSE data must not be null (use \"\" for an empty message)");
        }
        return data;
    }

    /** The event in wire form, ending with the blank line that dispatches it, as UTF-8. */
    public byte[] encode() {
        StringBuilder b = new StringBuilder(32 + (data == null ? 0 : data.length()));
        if (event != null) {
            b.append("event: ").append(event).append('\n');
        }
        if (data != null) {
            appendLines(b, "data", data);
        }
        // id after data: a client that reads the id first still dispatches it with this event,
        // so the order is free; this one reads like the standard's examples.
        if (id != null) {
            b.append("id: ").append(id).append('\n');
        }
        if (retry != null) {
            b.append("retry: ").append(retry.toMillis()).append('\n');
        }
        b.append('\n');
        return b.toString().getBytes(StandardCharsets.UTF_8);
    }

    /**
     * Comment lines ({@code : text}), one per line of {@code text}, split like data. A client
     * ignores them; they keep idle connections open through proxies.
     */
    static byte[] encodeComment(String text) {
        StringBuilder b = new StringBuilder(text.length() + 4);
        appendLines(b, "", text);
        return b.toString().getBytes(StandardCharsets.UTF_8);
    }

    /** {@code field: line\n} for each line of {@code value}, split on CRLF, LF and CR (§9.2.6). */
    private static void appendLines(StringBuilder b, String field, String value) {
        int start = 0;
        int n = value.length();
        for (int i = 0; i <= n; i++) {
            char c = i < n ? value.charAt(i) : '\n';
            if (c != '\r' && c != '\n') {
                continue;
            }
            b.append(field).append(':');
            if (i > start) {
                // One space after the colon, which the client strips: a line that itself starts
                // with a space keeps it.
                b.append(' ').append(value, start, i);
            }
            b.append('\n');
            if (c == '\r' && i + 1 < n && value.charAt(i + 1) == '\n') {
                i++;
            }
            start = i + 1;
        }
    }
}
