package dev.wisp.server;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

@Timeout(value = 5, unit = TimeUnit.SECONDS)
class HeadersTest {

    @Test
    void looksUpNamesCaseInsensitively() {
        Headers h = Headers.of("Content-Type", "text/plain", "X-A", "1", "x-a", "2");
        assertEquals("text/plain", h.get("content-type"));
        assertEquals(List.of("1", "2"), h.all("X-a"));
        assertEquals(2, h.count("X-A"));
        assertNull(h.get("missing"));
        assertEquals(Set.of("Content-Type", "X-A"), h.names());
    }

    @Test
    void copiesOnWrite() {
        Headers h = Headers.of("A", "1");
        Headers more = h.with("B", "2").withOnly("A", "3");
        assertEquals("1", h.get("A"));
        assertNull(h.get("B"));
        assertEquals("3", more.get("A"));
        assertEquals(1, more.count("A"));
        assertEquals(Headers.of("B", "2"), more.without("a"));
    }

    @Test
    void findsTokensInLists() {
        Headers h = Headers.of("Connection", "Keep-Alive, Upgrade", "Connection", " close ");
        assertTrue(h.containsToken("connection", "keep-alive"));
        assertTrue(h.containsToken("connection", "close"));
        assertFalse(h.containsToken("connection", "keep"));
    }

    @Test
    void refusesHeaderInjection() {
        // RFC 9110 §5.5: CR, LF and NUL are never allowed in a value; a name is a token.
        assertThrows(IllegalArgumentException.class, () -> Headers.of("X", "a\r\nSet-Cookie: evil"));
        assertThrows(IllegalArgumentException.class, () -> Headers.empty().with("X", "a\nb"));
        assertThrows(IllegalArgumentException.class, () -> Headers.empty().with("X", "a\u0000"));
        assertThrows(IllegalArgumentException.class, () -> Headers.empty().with("Bad Name", "v"));
        assertThrows(IllegalArgumentException.class, () -> Headers.empty().with("", "v"));
        assertThrows(IllegalArgumentException.class, () -> Headers.of("odd"));
    }
}
