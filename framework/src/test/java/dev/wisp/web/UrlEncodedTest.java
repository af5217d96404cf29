package dev.wisp.web;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.wisp.server.PercentEncoding;
import dev.wisp.web.routing.DecodingException;
import java.util.List;
import java.util.Random;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

@Timeout(value = 10, unit = TimeUnit.SECONDS)
class UrlEncodedTest {

    @Test
    void decodesPlusAndEscapesInKeysAndValues() {
        Params p = UrlEncoded.parse("first+name=Ann+Lee&city=S%C3%A3o%20Paulo&sum=1%2B1");
        assertEquals("Ann Lee", p.get("first name"));
        assertEquals("São Paulo", p.get("city"));
        assertEquals("1+1", p.get("sum"));
    }

    @Test
    void emptyInputIsEmpty() {
        assertTrue(UrlEncoded.parse("").isEmpty());
        assertTrue(UrlEncoded.parse("&&&").isEmpty());
    }

    @Test
    void keepsOrderOfRepeatedKeys() {
        assertEquals(List.of("3", "1", "2"), UrlEncoded.parse("k=3&x=0&k=1&k=2").all("k"));
    }

    @Test
    void rejectsMoreThanTheMaximumNumberOfPairs() {
        String many = "a=1&".repeat(11);
        DecodingException e = assertThrows(DecodingException.class, () -> UrlEncoded.parse(many, 10, "Parameter"));
        assertTrue(e.getMessage().contains("10"), e.getMessage());
        assertEquals(10, UrlEncoded.parse("a=1&".repeat(10), 10, "Parameter").size());
    }

    @Test
    void rejectsMalformedEscapes() {
        assertThrows(PercentEncoding.MalformedException.class, () -> UrlEncoded.parse("a=%"));
        assertThrows(PercentEncoding.MalformedException.class, () -> UrlEncoded.parse("a%zz=1"));
        assertThrows(PercentEncoding.MalformedException.class, () -> UrlEncoded.parse("a=%FF"));
    }

    /** A small, bounded stand-in for the fuzzing the hardening issue will do with Jazzer. */
    @Test
    void randomInputGivesParamsOrDecodingExceptionOnly() {
        Random random = new Random(42);
        String alphabet = "ab=&+%0123456789ABCDEFzZ\u00e9\u20ac\uD83D\uDE00\0 ";
        for (int round = 0; round < 20_000; round++) {
            StringBuilder sb = new StringBuilder();
            int len = random.nextInt(24);
            for (int i = 0; i < len; i++) {
                sb.append(alphabet.charAt(random.nextInt(alphabet.length())));
            }
            try {
                Params p = UrlEncoded.parse(sb.toString(), 5, "Parameter");
                assertTrue(p.size() <= 5);
            } catch (PercentEncoding.MalformedException expected) {
                // the one documented failure
            }
        }
    }
}
