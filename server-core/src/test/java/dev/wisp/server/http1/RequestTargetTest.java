package dev.wisp.server.http1;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.wisp.server.HttpProtocolException;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** Splitting and decoding request targets (RFC 9112 §3.2). */
@Timeout(value = 10, unit = TimeUnit.SECONDS)
class RequestTargetTest {

    @Test
    void splitsOriginForm() throws HttpProtocolException {
        assertEquals(new RequestTarget("/a/b", "/a/b", "x=1&y=2"), RequestTarget.parse("GET", "/a/b?x=1&y=2"));
        assertEquals(new RequestTarget("/", "/", ""), RequestTarget.parse("GET", "/"));
        assertEquals(new RequestTarget("/a", "/a", ""), RequestTarget.parse("GET", "/a?"));
    }

    @Test
    void takesPathAndQueryFromAbsoluteForm() throws HttpProtocolException {
        assertEquals(new RequestTarget("/p", "/p", "q"), RequestTarget.parse("GET", "http://example.com:8080/p?q"));
        assertEquals(new RequestTarget("/", "/", "q"), RequestTarget.parse("GET", "HTTPS://example.com?q"));
    }

    @Test
    void acceptsAsteriskOnlyForOptions() throws HttpProtocolException {
        assertEquals("*", RequestTarget.parse("OPTIONS", "*").path());
        assertEquals(400, assertThrows(HttpProtocolException.class, () -> RequestTarget.parse("GET", "*")).status());
    }

    @Test
    void percentDecodesPathAsUtf8ButKeepsRawPath() throws HttpProtocolException {
        RequestTarget t = RequestTarget.parse("GET", "/caf%C3%A9/a%2Fb?x=%41");
        assertEquals("/caf%C3%A9/a%2Fb", t.rawPath());
        assertEquals("/café/a/b", t.path());
        assertEquals("x=%41", t.query());
    }

    @ParameterizedTest
    @ValueSource(strings = {"/a%", "/a%2", "/a%zz", "/a%00b", "/%C3", "/%FF", "a/b", "ftp://x/y", "", "http:///p"})
    void rejectsBadTargets(String target) {
        assertEquals(400, assertThrows(HttpProtocolException.class, () -> RequestTarget.parse("GET", target)).status());
    }
}
