package dev.wisp.server;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.Random;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

/** The one percent-decoder (RFC 3986 §2.1) and strict UTF-8 decode (RFC 3629), escape by escape. */
@Timeout(value = 10, unit = TimeUnit.SECONDS)
class PercentEncodingTest {

    private static String component(String s) {
        return PercentEncoding.decodeComponent(s, 0, s.length());
    }

    @Test
    void returnsTextWithNothingToDecodeWithoutCopying() {
        String s = "/plain/text";
        assertSame(s, PercentEncoding.decodePath(s));
        assertSame(s, PercentEncoding.decodePath(s, 0, s.length()));
        assertSame(s, component(s));
    }

    @ParameterizedTest(name = "{0} → {1}")
    @CsvSource(delimiter = '|', value = {
        "%41|A", "%7e|~", "%7E|~", "%20|' '", "%2F|/", "%25|%", "%2B|+",
        "%C3%A9|é", "%E2%82%AC|€", "%F0%9F%98%80|😀", "%EF%BF%BF|\uFFFF", "%F4%8F%BF%BF|\uDBFF\uDFFF",
        "a%2Fb%2fc|a/b/c", "caf%C3%A9|café",
    })
    void decodesEscapesAsUtf8(String encoded, String decoded) {
        assertEquals(decoded, PercentEncoding.decodePath(encoded));
        assertEquals(decoded, component(encoded));
    }

    @Test
    void plusIsSpaceOnlyInComponents() {
        assertEquals("a+b", PercentEncoding.decodePath("a+b"));
        assertEquals("a b", component("a+b"));
        assertEquals("a+b", component("a%2Bb"));
    }

    @Test
    void decodesOnlyTheRegionAsked() {
        assertEquals("b c", PercentEncoding.decodeComponent("a=b+c&d", 2, 5));
        assertEquals("é", PercentEncoding.decodePath("/caf%C3%A9/x", 4, 10));
        assertEquals("", PercentEncoding.decodePath("abc", 1, 1));
    }

    @Test
    void decodingAtEveryEscapeBoundaryGivesTheSameText() {
        // A path is decoded segment by segment by the router and whole by the server: the pieces
        // must add up to the whole, wherever the cut falls between escapes.
        String s = "/a%20b/caf%C3%A9/%F0%9F%98%80+x/%2F/end";
        String whole = PercentEncoding.decodePath(s);
        for (int cut = 0; cut <= s.length(); cut++) {
            if (insideAnEscapeOrSequence(s, cut)) {
                continue;
            }
            assertEquals(whole, PercentEncoding.decodePath(s, 0, cut) + PercentEncoding.decodePath(s, cut, s.length()),
                    "cut at " + cut);
        }
    }

    /** Whether a cut at {@code i} falls inside a %XX or inside the escapes of one UTF-8 sequence. */
    private static boolean insideAnEscapeOrSequence(String s, int i) {
        if ((i >= 1 && s.charAt(i - 1) == '%') || (i >= 2 && s.charAt(i - 2) == '%')) {
            return true;
        }
        // The escape after the cut is a continuation byte (10xxxxxx): the cut splits a character.
        return i + 2 < s.length() && s.charAt(i) == '%' && (Integer.parseInt(s.substring(i + 1, i + 3), 16) & 0xC0) == 0x80;
    }

    @Test
    void passesDecodedTextThrough() {
        assertEquals("café", PercentEncoding.decodePath("café"));
        assertEquals("😀x", component("😀%78"));
    }

    @ParameterizedTest
    @ValueSource(strings = {
        "%", "%2", "a%", "%zz", "a%g0", "%-1", "% 1", // malformed escapes
        "%C3", "%C3%28", "%80", "%BF", "%FE", "%FF", // truncated, lone continuation, never-valid bytes
        "%C0%AF", "%E0%80%AF", "%F0%80%80%AF", "%C1%BF", // overlong forms (CVE-2000-0884: /..%c0%af../)
        "%ED%A0%80", "%ED%BF%BF", // UTF-16 surrogates encoded in UTF-8
        "%F4%90%80%80", "%F5%80%80%80", // above U+10FFFF
    })
    void refusesMalformedEscapesAndInvalidUtf8(String bad) {
        assertThrows(PercentEncoding.MalformedException.class, () -> PercentEncoding.decodePath(bad));
        assertThrows(PercentEncoding.MalformedException.class, () -> component(bad));
    }

    @Test
    void refusesNulInPathsButNotInComponents() {
        assertThrows(PercentEncoding.MalformedException.class, () -> PercentEncoding.decodePath("a%00b"));
        assertThrows(PercentEncoding.MalformedException.class, () -> PercentEncoding.decodePath("a\0b"));
        assertEquals("a\0b", component("a%00b"));
    }

    @Test
    void refusesLoneSurrogates() {
        assertThrows(PercentEncoding.MalformedException.class, () -> component("\uD800x"));
        assertThrows(PercentEncoding.MalformedException.class, () -> PercentEncoding.decodePath("x\uDC00"));
    }

    @Test
    void errorMessagesNeverEchoTheInput() {
        var e = assertThrows(PercentEncoding.MalformedException.class, () -> PercentEncoding.decodePath("/secret%zz"));
        assertEquals(-1, e.getMessage().indexOf("secret"), e.getMessage());
        assertEquals(0, e.getStackTrace().length, "describes the input, not a fault: no stack trace");
    }

    @Test
    void decodesStrictUtf8Bytes() {
        byte[] text = "naïve €".getBytes(StandardCharsets.UTF_8);
        assertEquals("naïve €", PercentEncoding.utf8(text, 0, text.length));
        assertEquals("ïve", PercentEncoding.utf8(text, 2, 4));
        assertThrows(PercentEncoding.MalformedException.class, () -> PercentEncoding.utf8(new byte[] {'a', (byte) 0xC3}, 0, 2));
        assertThrows(PercentEncoding.MalformedException.class, () -> PercentEncoding.utf8(new byte[] {(byte) 0xC0, (byte) 0xAF}, 0, 2));
    }

    @Test
    void agreesWithTheJdkOnValidInput() {
        // URLDecoder is lenient about bad input but right about good input: a differential check.
        Random random = new Random(42);
        String alphabet = "ab/+~-._";
        for (int run = 0; run < 2_000; run++) {
            StringBuilder sb = new StringBuilder();
            for (int i = random.nextInt(12); i > 0; i--) {
                switch (random.nextInt(3)) {
                    case 0 -> sb.append(alphabet.charAt(random.nextInt(alphabet.length())));
                    case 1 -> sb.append(String.format("%%%02X", 1 + random.nextInt(0x7f)));
                    default -> {
                        for (byte b : new String(Character.toChars(0x80 + random.nextInt(0x10000 - 0x80 - 0x800)))
                                .getBytes(StandardCharsets.UTF_8)) {
                            sb.append(String.format("%%%02x", b & 0xff));
                        }
                    }
                }
            }
            String s = sb.toString();
            assertEquals(URLDecoder.decode(s, StandardCharsets.UTF_8), component(s), s);
        }
    }
}
