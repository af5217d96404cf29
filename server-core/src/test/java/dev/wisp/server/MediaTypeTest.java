package dev.wisp.server;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

/** The one media-type parser (RFC 9110 §8.3.1, §5.6.2 tokens, §5.6.4 quoted strings), character by character. */
@Timeout(value = 10, unit = TimeUnit.SECONDS)
class MediaTypeTest {

    private static MediaType parse(String s) {
        return MediaType.parse(s).orElseThrow(() -> new AssertionError("refused: " + s));
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', value = {
        // value | canonical form
        "text/plain|text/plain",
        "TEXT/Plain|text/plain",
        "text/plain; charset=utf-8|text/plain;charset=utf-8",
        "text/plain;charset=UTF-8|text/plain;charset=UTF-8",
        "text/html;charset=\"utf-8\"|text/html;charset=utf-8",
        "application/problem+json|application/problem+json",
        "multipart/form-data; boundary=\"a b\\\"c\"|multipart/form-data;boundary=\"a b\\\"c\"",
        "' text/plain \t'|text/plain",
        "text/plain;|text/plain",
        "text/plain;;a=b;|text/plain;a=b",
        "a/b; x=\"\"|a/b;x=\"\"",
        "a/b;x=1;y=2;x=3|a/b;x=1;y=2;x=3",
    })
    void parsesValidMediaTypes(String value, String canonical) {
        MediaType type = parse(value);
        assertEquals(canonical, type.toString());
        assertEquals(type, parse(type.toString()), "the canonical form parses to the same value");
        for (int cut = 0; cut <= value.length(); cut++) {
            // Every prefix either parses or not, but never throws: the parser stops at the first bad character.
            MediaType.parse(value.substring(0, cut));
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {
        "", " ", "text", "text/", "/plain", "text/plain/x", "text /plain", "text/ plain", "te xt/plain",
        "text/plain charset=utf-8", "text/plain;charset", "text/plain;charset=", "text/plain;=utf-8",
        "text/plain;charset =utf-8", "text/plain ; CHARSET = x", "text/plain;charset= utf-8", "text/plain;charset=\"utf-8",
        "text/plain;charset=\"a\"b", "text/plain;charset=a b", "text/plain;a=\"\\\u0001\"", "text/plain;a=\"\u0001\"",
        "text/pla\u0000in", "text/plain;a=b,c/d", "text(/plain", "t\u00e9xt/plain", "text/plain;a=\u20ac",
        "text/plain;a=\"x\\", "text/plain,text/html",
    })
    void refusesInvalidMediaTypes(String value) {
        assertEquals(Optional.empty(), MediaType.parse(value), value);
    }

    @Test
    void acceptsEveryTokenCharacter() {
        assertEquals("!#$%&'*+-.^_`|~/09az;x=!#$%&'*+-.^_`|~",
                parse("!#$%&'*+-.^_`|~/09AZ;X=!#$%&'*+-.^_`|~").toString());
    }

    @Test
    void refusesNull() {
        assertEquals(Optional.empty(), MediaType.parse(null));
    }

    @Test
    void answersTheQuestionsTheFrameworkAsks() {
        MediaType json = parse("Application/Problem+JSON; Charset=\"UTF-8\"");
        assertEquals("application", json.type());
        assertEquals("problem+json", json.subtype());
        assertEquals("application/problem+json", json.essence());
        assertTrue(json.is("application/problem+json"));
        assertTrue(json.is("APPLICATION/problem+JSON"));
        assertFalse(json.is("application/json"));
        assertFalse(json.is("application/problem+jso"));
        assertFalse(json.is("application"));
        assertEquals("json", json.suffix());
        assertEquals(Optional.of("UTF-8"), json.charsetName());
        assertEquals(Optional.of("UTF-8"), json.parameter("charset"));
        assertEquals(Optional.empty(), json.parameter("boundary"));
        assertEquals("", parse("application/json").suffix());
        assertEquals("", parse("application/+json").suffix());
    }

    @Test
    void namesACharsetOrFallsBack() {
        assertEquals(StandardCharsets.ISO_8859_1, parse("text/plain; charset=iso-8859-1").charset(StandardCharsets.UTF_8));
        assertEquals(StandardCharsets.UTF_8, parse("text/plain").charset(StandardCharsets.UTF_8));
        assertEquals(StandardCharsets.UTF_8, parse("text/plain; charset=no-such-charset").charset(StandardCharsets.UTF_8));
        assertEquals(StandardCharsets.UTF_8, parse("text/plain; charset=\"bad name!\"").charset(StandardCharsets.UTF_8));
    }

    @Test
    void requestTextUsesTheParsedCharset() throws Exception {
        byte[] latin1 = "café".getBytes(StandardCharsets.ISO_8859_1);
        assertEquals("café", request("text/plain; charset=\"ISO-8859-1\"", latin1).text());
        byte[] utf8 = "café".getBytes(StandardCharsets.UTF_8);
        assertEquals("café", request("text/plain", utf8).text());
        assertEquals("café", request("text/plain; charset", utf8).text(), "an invalid Content-Type means UTF-8");
    }

    private static Request request(String contentType, byte[] body) {
        return new Request("POST", "/", "/", "/", "", "HTTP/1.1", Headers.of("Content-Type", contentType),
                ConnectionInfo.plain(new java.net.InetSocketAddress("127.0.0.1", 1), new java.net.InetSocketAddress("127.0.0.1", 2)),
                new java.io.ByteArrayInputStream(body), Attributes.empty());
    }
}
