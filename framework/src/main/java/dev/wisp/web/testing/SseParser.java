package dev.wisp.web.testing;

import dev.wisp.web.sse.SseEvent;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Arrays;

/**
 * The client side of {@code text/event-stream} (HTML Living Standard §9.2.6, "Interpreting an
 * event stream"), fed bytes as they arrive in pieces of any size.
 *
 * <p>Lines end in CRLF, LF or a lone CR (a CR at the end of one piece and an LF at the start of
 * the next are one line break). Bytes are decoded as UTF-8 per line, invalid sequences becoming
 * U+FFFD, and one byte-order mark at the very start is dropped. A blank line dispatches the event
 * if its data buffer is not empty; an event cut off by the end of the stream is discarded. A line
 * longer than {@code maxLineBytes} is an {@link IOException}, so a broken server can't exhaust
 * a test's memory. Not thread-safe: one reader feeds it.
 */
final class SseParser {
    /** Receives what the parser recognises, in stream order. */
    interface Listener {
        void event(SseEvent event);

        void comment(String text);
    }

    private final Listener listener;
    private final int maxLineBytes;
    private byte[] line = new byte[256];
    private int lineLength;
    private boolean afterCr;
    private boolean started;
    private final StringBuilder data = new StringBuilder();
    private String eventType = "";
    private String lastEventId = "";
    private Duration retry;

    SseParser(Listener listener, int maxLineBytes) {
        this.listener = listener;
        this.maxLineBytes = maxLineBytes;
    }

    void feed(byte[] b, int off, int len) throws IOException {
        for (int i = off; i < off + len; i++) {
            byte c = b[i];
            if (c == '\n' && afterCr) {
                afterCr = false; // the LF of a CRLF whose CR already ended the line
                continue;
            }
            afterCr = c == '\r';
            if (c == '\r' || c == '\n') {
                line();
            } else {
                if (lineLength >= maxLineBytes) {
                    throw new IOException("Event stream line longer than " + maxLineBytes + " bytes");
                }
                if (lineLength == line.length) {
                    line = Arrays.copyOf(line, Math.min(maxLineBytes, line.length * 2));
                }
                line[lineLength++] = c;
            }
        }
    }

    private void line() {
        int start = 0;
        if (!started) {
            started = true;
            if (lineLength >= 3 && (line[0] & 0xff) == 0xef && (line[1] & 0xff) == 0xbb && (line[2] & 0xff) == 0xbf) {
                start = 3;
            }
        }
        String text = new String(line, start, lineLength - start, StandardCharsets.UTF_8);
        lineLength = 0;
        if (text.isEmpty()) {
            dispatch();
            return;
        }
        int colon = text.indexOf(':');
        if (colon == 0) {
            listener.comment(text.startsWith(" ", 1) ? text.substring(2) : text.substring(1));
            return;
        }
        String field = colon < 0 ? text : text.substring(0, colon);
        String value = "";
        if (colon > 0) {
            int v = colon + 1;
            if (v < text.length() && text.charAt(v) == ' ') {
                v++;
            }
            value = text.substring(v);
        }
        switch (field) {
            case "event" -> eventType = value;
            case "data" -> data.append(value).append('\n');
            case "id" -> {
                if (value.indexOf('\0') < 0) {
                    lastEventId = value;
                }
            }
            case "retry" -> retry(value);
            default -> {
                // Unknown fields are ignored (§9.2.6).
            }
        }
    }

    private void retry(String value) {
        if (value.isEmpty() || value.length() > 18) {
            return; // not digits, or past what a long holds
        }
        for (int i = 0; i < value.length(); i++) {
            char c = value.charAt(i);
            if (c < '0' || c > '9') {
                return;
            }
        }
        retry = Duration.ofMillis(Long.parseLong(value));
    }

    private void dispatch() {
        Duration r = retry;
        retry = null;
        if (data.isEmpty()) {
            eventType = "";
            return;
        }
        data.setLength(data.length() - 1); // the LF after the last data line
        SseEvent event = new SseEvent(lastEventId.isEmpty() ? null : lastEventId,
                eventType.isEmpty() ? null : eventType, data.toString(), r);
        data.setLength(0);
        eventType = "";
        listener.event(event);
    }
}
