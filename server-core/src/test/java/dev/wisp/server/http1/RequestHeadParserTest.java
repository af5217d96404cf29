package dev.wisp.server.http1;

import dev.wisp.server.io.HttpInput;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.wisp.server.Headers;
import dev.wisp.server.HttpProtocolException;
import dev.wisp.server.Limits;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

/** The request-head parser at the byte level (RFC 9112 §2–5), every valid message also split at every byte. */
@Timeout(value = 10, unit = TimeUnit.SECONDS)
class RequestHeadParserTest {
    private static final Limits LIMITS = Limits.defaults();

    private static RequestHead parse(String message, int... splits) throws IOException {
        return new RequestHeadParser(LIMITS).parse(SplitInputStream.input(message, splits));
    }

    /** Parses the message whole and split at every byte boundary; each result must be the same. */
    private static RequestHead parseEverySplit(String message) throws IOException {
        RequestHead whole = parse(message);
        for (int split = 1; split < message.length(); split++) {
            assertEquals(whole, parse(message, split), "split at " + split);
        }
        // and one byte per read
        int[] every = new int[message.length()];
        for (int i = 0; i < every.length; i++) {
            every[i] = i + 1;
        }
        assertEquals(whole, parse(message, every), "one byte per read");
        return whole;
    }

    private static int statusOf(String message) {
        return assertThrows(HttpProtocolException.class, () -> parse(message)).status();
    }

    @Test
    void parsesTypicalBrowserRequest() throws IOException {
        RequestHead head = parseEverySplit("""
                GET /index.html?lang=en HTTP/1.1\r
                Host: example.com\r
                User-Agent: Mozilla/5.0 (X11; Linux x86_64)\r
                Accept: text/html,application/xhtml+xml;q=0.9,*/*;q=0.8\r
                Accept-Language: en-US,en;q=0.5\r
                Cookie: a=b; c=d\r
                \r
                """);
        assertEquals("GET", head.method());
        assertEquals("/index.html?lang=en", head.target());
        assertEquals(1, head.minorVersion());
        assertEquals(Headers.of(
                "Host", "example.com",
                "User-Agent", "Mozilla/5.0 (X11; Linux x86_64)",
                "Accept", "text/html,application/xhtml+xml;q=0.9,*/*;q=0.8",
                "Accept-Language", "en-US,en;q=0.5",
                "Cookie", "a=b; c=d"), head.headers());
    }

    @Test
    void keepsOrderDuplicatesAndUnknownNames() throws IOException {
        RequestHead head = parseEverySplit("POST /x HTTP/1.0\r\nX-Custom-Thing: 1\r\nx-custom-thing: 2\r\nHOST: h\r\n\r\n");
        assertEquals(0, head.minorVersion());
        assertEquals(3, head.headers().size());
        assertEquals("X-Custom-Thing", head.headers().name(0));
        assertEquals("x-custom-thing", head.headers().name(1));
        assertEquals(java.util.List.of("1", "2"), head.headers().all("X-CUSTOM-THING"));
        assertEquals("h", head.headers().get("host"));
    }

    @Test
    void trimsOptionalWhitespaceAroundValues() throws IOException {
        // RFC 9112 §5: OWS before and after the field value is not part of it.
        RequestHead head = parseEverySplit("GET / HTTP/1.1\r\nHost:\t h \t\r\nEmpty:\r\nInner: a  b\r\n\r\n");
        assertEquals("h", head.headers().get("Host"));
        assertEquals("", head.headers().get("Empty"));
        assertEquals("a  b", head.headers().get("Inner"));
    }

    @Test
    void keepsObsTextInValues() throws IOException {
        RequestHead head = parse("GET / HTTP/1.1\r\nHost: h\r\nX: caf\u00e9\r\n\r\n");
        assertEquals("caf\u00e9", head.headers().get("X"));
    }

    @Test
    void skipsEmptyLinesBeforeRequestLine() throws IOException {
        // RFC 9112 §2.2: a server SHOULD ignore at least one empty line before the request-line.
        RequestHead head = parseEverySplit("\r\n\r\nGET / HTTP/1.1\r\nHost: h\r\n\r\n");
        assertEquals("/", head.target());
    }

    @Test
    void acceptsAbsoluteAndAsteriskForms() throws IOException {
        assertEquals("http://example.com/a?b", parse("GET http://example.com/a?b HTTP/1.1\r\nHost: example.com\r\n\r\n").target());
        assertEquals("*", parse("OPTIONS * HTTP/1.1\r\nHost: h\r\n\r\n").target());
    }

    @Test
    void readsHigherMinorVersionAsHttp11() throws IOException {
        // RFC 9110 §6.2: process as the highest minor version implemented.
        assertEquals(1, parse("GET / HTTP/1.7\r\nHost: h\r\n\r\n").minorVersion());
    }

    @Test
    void returnsNullOnCleanEndOfStream() throws IOException {
        assertNull(parse(""));
    }

    @Test
    void failsWithEofInsideHead() {
        assertThrows(EOFException.class, () -> parse("GET / HTTP/1.1\r\nHost: h\r\n"));
        assertThrows(EOFException.class, () -> parse("GET / HT"));
    }

    @Test
    void leavesNextPipelinedRequestInBuffer() throws IOException {
        HttpInput in = SplitInputStream.input("GET /1 HTTP/1.1\r\nHost: h\r\n\r\nGET /2 HTTP/1.1\r\nHost: h\r\n\r\n");
        RequestHeadParser parser = new RequestHeadParser(LIMITS);
        assertEquals("/1", parser.parse(in).target());
        assertEquals("/2", parser.parse(in).target());
        assertNull(parser.parse(in));
    }

    @ParameterizedTest(name = "[{index}] {1}: {0}")
    @CsvSource(delimiter = '|', value = {
        // request line (RFC 9112 §3)
        "GET  / HTTP/1.1\\r\\nHost: h\\r\\n\\r\\n                  | 400 | two spaces after method",
        "GET /  HTTP/1.1\\r\\nHost: h\\r\\n\\r\\n                  | 400 | two spaces after target",
        "GET / HTTP/1.1 \\r\\nHost: h\\r\\n\\r\\n                  | 400 | trailing space",
        "GET\\t/ HTTP/1.1\\r\\nHost: h\\r\\n\\r\\n                  | 400 | tab as separator",
        "G(T / HTTP/1.1\\r\\nHost: h\\r\\n\\r\\n                   | 400 | invalid method token",
        "/ HTTP/1.1\\r\\nHost: h\\r\\n\\r\\n                       | 400 | missing method",
        "GET HTTP/1.1\\r\\nHost: h\\r\\n\\r\\n                     | 400 | missing target",
        "GET /\\r\\nHost: h\\r\\n\\r\\n                            | 400 | HTTP/0.9 style",
        "GET / http/1.1\\r\\nHost: h\\r\\n\\r\\n                   | 400 | lowercase version",
        "GET / HTTP/1\\r\\nHost: h\\r\\n\\r\\n                     | 400 | short version",
        "GET / HTTP/11.1\\r\\nHost: h\\r\\n\\r\\n                  | 400 | two-digit major",
        "GET / HTTP/2.0\\r\\nHost: h\\r\\n\\r\\n                   | 505 | HTTP/2 over HTTP/1 framing",
        "GET / HTTP/0.9\\r\\nHost: h\\r\\n\\r\\n                   | 505 | HTTP/0.9",
        "GET /a b HTTP/1.1\\r\\nHost: h\\r\\n\\r\\n                | 400 | space in target",
        "GET /a\\u0000b HTTP/1.1\\r\\nHost: h\\r\\n\\r\\n          | 400 | NUL in target",
        "GET /a<b> HTTP/1.1\\r\\nHost: h\\r\\n\\r\\n               | 400 | character not allowed in a URI",
        "GET / HTTP/1.1\\nHost: h\\r\\n\\r\\n                      | 400 | bare LF after request line",
        "GET /\\r HTTP/1.1\\r\\nHost: h\\r\\n\\r\\n                | 400 | bare CR in request line",
        "\\n\\nGET / HTTP/1.1\\r\\nHost: h\\r\\n\\r\\n             | 400 | bare LF as empty line",
        // field lines (RFC 9112 §5, RFC 9110 §5.5)
        "GET / HTTP/1.1\\r\\nHost : h\\r\\n\\r\\n                  | 400 | whitespace before colon",
        "GET / HTTP/1.1\\r\\nHost\\t: h\\r\\n\\r\\n                | 400 | tab before colon",
        "GET / HTTP/1.1\\r\\nHost: h\\r\\nX: a\\r\\n b\\r\\n\\r\\n  | 400 | obs-fold",
        "GET / HTTP/1.1\\r\\n X: a\\r\\nHost: h\\r\\n\\r\\n        | 400 | whitespace-led first field line",
        "GET / HTTP/1.1\\r\\nHost: h\\r\\nNoColon\\r\\n\\r\\n      | 400 | header line without a colon",
        "GET / HTTP/1.1\\r\\nHost: h\\r\\n: v\\r\\n\\r\\n          | 400 | empty field name",
        "GET / HTTP/1.1\\r\\nHost: h\\r\\nX: a\\u0000b\\r\\n\\r\\n | 400 | NUL in value",
        "GET / HTTP/1.1\\r\\nHost: h\\r\\nX: a\\rb\\r\\n\\r\\n     | 400 | bare CR in value",
        "GET / HTTP/1.1\\r\\nHost: h\\r\\nX: a\\u0001b\\r\\n\\r\\n | 400 | control byte in value",
        "GET / HTTP/1.1\\r\\nHost: h\\r\\nX: a\\u007fb\\r\\n\\r\\n | 400 | DEL in value",
        "GET / HTTP/1.1\\r\\nHost: h\\r\\nX\\u0000Y: a\\r\\n\\r\\n | 400 | NUL in name",
        "GET / HTTP/1.1\\r\\nHost: h\\r\\nX: a\\n\\r\\n           | 400 | bare LF ending a field line",
        "GET / HTTP/1.1\\r\\nHost: h\\r\\n\\n                      | 400 | bare LF ending the section",
        "GET / HTTP/1.1\\r\\nHost: h\\r\\nX(Y): a\\r\\n\\r\\n      | 400 | separator in name",
    })
    void rejectsMalformedHeads(String raw, int status, String why) {
        String message = unescape(raw.strip());
        assertEquals(status, statusOf(message), why);
    }

    /** The first bytes of a TLS 1.2/1.3 ClientHello record (RFC 8446 §5.1: handshake, legacy version 3.1). */
    static final byte[] CLIENT_HELLO_START = {0x16, 0x03, 0x01, 0x02, 0x00, 0x01, 0x00, 0x01, (byte) 0xfc, 0x03, 0x03};

    @ParameterizedTest(name = "[{index}] first byte 0x{0}")
    @ValueSource(strings = {"16", "00", "01", "09", "0a", "20", "2f", "22", "28", "3a", "7b", "7f", "80", "c3", "ff"})
    void refusesFromTheFirstByteWhatCannotStartAMethod(String hex) {
        // RFC 9112 §3.1: a request line starts with a method, a token (RFC 9110 §5.6.2); §2.2 allows
        // empty lines (CRLF) before it. Nothing else can start a request, so the parser answers
        // after one byte, without waiting for a line end that binary input may never send.
        byte first = (byte) Integer.parseInt(hex, 16);
        byte[] message = "X / HTTP/1.1\r\nHost: h\r\n\r\n".getBytes(StandardCharsets.ISO_8859_1);
        message[0] = first;
        assertEquals(400, statusAfterOneByte(message));
        for (int split = 1; split < message.length; split++) {
            byte[] whole = message;
            int at = split;
            assertEquals(400, assertThrows(HttpProtocolException.class, () -> new RequestHeadParser(LIMITS)
                    .parse(new HttpInput(new SplitInputStream(whole, at), 256, () -> { }))).status(), "split at " + split);
        }
    }

    @Test
    void refusesATlsClientHelloAfterItsFirstByte() {
        assertEquals(400, statusAfterOneByte(CLIENT_HELLO_START));
    }

    @Test
    void refusesACarriageReturnNotFollowedByLineFeed() {
        assertEquals(400, statusOf("\r\u0016\u0003\u0001"));
        assertEquals(400, statusOf("\r\n\rGET / HTTP/1.1\r\nHost: h\r\n\r\n"));
    }

    @Test
    void acceptsEveryTokenCharacterAsTheFirstByteOfAMethod() throws IOException {
        for (char c : "!#$%&'*+-.^_`|~09azAZ".toCharArray()) {
            assertEquals(c + "M", parse(c + "M / HTTP/1.1\r\nHost: h\r\n\r\n").method());
        }
    }

    /**
     * The status the parser answers with when the stream delivers the message's first byte and then
     * fails any further read: proof that it decided on that byte alone.
     */
    private static int statusAfterOneByte(byte[] message) {
        InputStream oneByteThenStall = new InputStream() {
            private boolean sent;

            @Override
            public int read() {
                throw new AssertionError("single-byte reads are not used");
            }

            @Override
            public int read(byte[] b, int off, int len) {
                if (sent) {
                    throw new AssertionError("the parser read past the first byte");
                }
                sent = true;
                b[off] = message[0];
                return 1;
            }
        };
        return assertThrows(HttpProtocolException.class,
                () -> new RequestHeadParser(LIMITS).parse(new HttpInput(oneByteThenStall, 256, () -> { }))).status();
    }

    @Test
    void rejectsLongRequestLineWith414() {
        String target = "/" + "a".repeat(LIMITS.http1().maxRequestLineBytes());
        assertEquals(414, statusOf("GET " + target + " HTTP/1.1\r\nHost: h\r\n\r\n"));
    }

    @Test
    void acceptsRequestLineJustUnderTheLimit() throws IOException {
        String prefix = "GET /";
        String suffix = " HTTP/1.1\r\n";
        String target = "/" + "a".repeat(LIMITS.http1().maxRequestLineBytes() - prefix.length() - suffix.length());
        assertEquals(target, parse("GET " + target + suffix + "Host: h\r\n\r\n").target());
    }

    @Test
    void rejectsOversizedHeaderSectionWith431() {
        String big = "X-Big: " + "v".repeat(LIMITS.http1().maxHeaderBytes()) + "\r\n";
        assertEquals(431, statusOf("GET / HTTP/1.1\r\nHost: h\r\n" + big + "\r\n"));
    }

    @Test
    void rejectsTooManyFieldsWith431() {
        StringBuilder sb = new StringBuilder("GET / HTTP/1.1\r\nHost: h\r\n");
        for (int i = 0; i < LIMITS.http1().maxHeaderCount(); i++) {
            sb.append("X-").append(i).append(": v\r\n");
        }
        assertEquals(431, statusOf(sb.append("\r\n").toString()));
    }

    @Test
    void acceptsExactlyMaxFields() throws IOException {
        StringBuilder sb = new StringBuilder("GET / HTTP/1.1\r\nHost: h\r\n");
        for (int i = 1; i < LIMITS.http1().maxHeaderCount(); i++) {
            sb.append("X-").append(i).append(": v\r\n");
        }
        assertEquals(LIMITS.http1().maxHeaderCount(), parse(sb.append("\r\n").toString()).headers().size());
    }

    static String unescape(String s) {
        StringBuilder out = new StringBuilder();
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (c == '\\' && i + 1 < s.length()) {
                char n = s.charAt(++i);
                switch (n) {
                    case 'r' -> out.append('\r');
                    case 'n' -> out.append('\n');
                    case 't' -> out.append('\t');
                    case 'u' -> {
                        out.append((char) Integer.parseInt(s.substring(i + 1, i + 5), 16));
                        i += 4;
                    }
                    default -> out.append('\\').append(n);
                }
            } else {
                out.append(c);
            }
        }
        return out.toString();
    }
}
