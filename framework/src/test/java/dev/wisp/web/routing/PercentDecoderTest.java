package dev.wisp.web.routing;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

@Timeout(value = 10, unit = TimeUnit.SECONDS)
class PercentDecoderTest {

    private static String segment(String s) {
        return PercentDecoder.decodePathSegment(s, 0, s.length());
    }

    private static String component(String s) {
        return PercentDecoder.decodeComponent(s, 0, s.length());
    }

    @Test
    void returnsPlainTextWithoutCopying() {
        String s = "plain-text";
        assertSame(s, segment(s));
    }

    @Test
    void decodesUtf8Escapes() {
        assertEquals("€ 1", segment("%E2%82%AC%201"));
        assertEquals("😀", segment("%F0%9F%98%80"));
    }

    @Test
    void plusIsSpaceOnlyInComponents() {
        assertEquals("a+b", segment("a+b"));
        assertEquals("a b", component("a+b"));
        assertEquals("a+b", component("a%2Bb"));
    }

    @Test
    void decodesARegionOnly() {
        assertEquals("b c", PercentDecoder.decodeComponent("a=b+c&d", 2, 5));
    }

    @Test
    void passesNonAsciiInputThrough() {
        assertEquals("café", segment("café"));
        assertEquals("😀x", component("😀%78"));
    }

    @ParameterizedTest
    @ValueSource(strings = {"%", "%2", "%zz", "a%g0", "%C3", "%C3%28", "%ED%A0%80", "%C0%AF", "%FF"})
    void rejectsMalformedEscapesAndInvalidUtf8(String bad) {
        assertThrows(DecodingException.class, () -> segment(bad));
        assertThrows(DecodingException.class, () -> component(bad));
    }

    @Test
    void rejectsNulInPathsButNotInComponents() {
        assertThrows(DecodingException.class, () -> segment("a%00b"));
        assertEquals("a\0b", component("a%00b"));
    }

    @Test
    void rejectsLoneSurrogates() {
        assertThrows(DecodingException.class, () -> component("\uD800x"));
    }
}
