package dev.wisp.server.http1;

import dev.wisp.server.Headers;
import dev.wisp.server.HttpProtocolException;
import java.util.List;

/**
 * How a request's body is delimited (RFC 9112 §6.3), decided once from its head. Every ambiguity
 * that lets two parsers disagree on where a message ends is an error that closes the connection.
 *
 * @param contentLength the body length when not chunked (0 when there is no body); may exceed the
 *                      body limit, which the body stream enforces at its first read
 */
public record Framing(boolean chunked, long contentLength) {
    public static final Framing NONE = new Framing(false, 0);
    private static final Framing CHUNKED = new Framing(true, -1);

    public static Framing of(RequestHead head) throws HttpProtocolException {
        Headers h = head.headers();
        List<String> te = h.all("Transfer-Encoding");
        List<String> cl = h.all("Content-Length");
        if (!te.isEmpty()) {
            if (!cl.isEmpty()) {
                // §6.3 ¶3: both present is a smuggling vector; answer and close.
                throw HttpProtocolException.badRequest("Content-Length and Transfer-Encoding must not both be sent");
            }
            if (head.minorVersion() == 0) {
                // §6.1: Transfer-Encoding in an HTTP/1.0 message means the framing is faulty.
                throw HttpProtocolException.badRequest("Transfer-Encoding is not allowed in HTTP/1.0");
            }
            checkCodings(te);
            return CHUNKED;
        }
        if (cl.isEmpty()) {
            return NONE;
        }
        long length = contentLength(cl);
        // A length over the body limit is not refused here but at the body's first read
        // (FixedLengthInputStream): a layer above the core (a framework route with its own
        // limit, a handler that never reads the body) then decides how the refusal looks.
        return length == 0 ? NONE : new Framing(false, length);
    }

    /** chunked must be the final coding, and appear once; other codings are not implemented (§6.1). */
    private static void checkCodings(List<String> lines) throws HttpProtocolException {
        String last = null;
        int chunkedCount = 0;
        boolean other = false;
        for (String line : lines) {
            int i = 0;
            while (i <= line.length()) {
                int comma = line.indexOf(',', i);
                int end = comma < 0 ? line.length() : comma;
                String coding = line.substring(i, end).strip();
                if (!coding.isEmpty()) {
                    if (coding.equalsIgnoreCase("chunked")) {
                        chunkedCount++;
                    } else {
                        other = true;
                    }
                    last = coding;
                }
                i = end + 1;
            }
        }
        if (last == null || !last.equalsIgnoreCase("chunked") || chunkedCount > 1) {
            throw HttpProtocolException.badRequest("Transfer-Encoding must end with chunked, applied once");
        }
        if (other) {
            throw new HttpProtocolException(501, "Only the chunked transfer coding is supported", true);
        }
    }

    /** 1*DIGIT; repeated values (in lines or a list) must all be the same (§6.3 ¶5). */
    private static long contentLength(List<String> lines) throws HttpProtocolException {
        long value = -1;
        for (String line : lines) {
            int i = 0;
            while (i <= line.length()) {
                int comma = line.indexOf(',', i);
                int end = comma < 0 ? line.length() : comma;
                long v = digits(line, i, end);
                if (value >= 0 && v != value) {
                    throw HttpProtocolException.badRequest("Conflicting Content-Length values");
                }
                value = v;
                i = end + 1;
            }
        }
        return value;
    }

    private static long digits(String s, int from, int to) throws HttpProtocolException {
        while (from < to && (s.charAt(from) == ' ' || s.charAt(from) == '\t')) from++;
        while (to > from && (s.charAt(to - 1) == ' ' || s.charAt(to - 1) == '\t')) to--;
        if (from == to || to - from > 18) {
            throw HttpProtocolException.badRequest("Invalid Content-Length");
        }
        long v = 0;
        for (int i = from; i < to; i++) {
            char c = s.charAt(i);
            if (c < '0' || c > '9') {
                throw HttpProtocolException.badRequest("Invalid Content-Length");
            }
            v = v * 10 + (c - '0');
        }
        return v;
    }
}
