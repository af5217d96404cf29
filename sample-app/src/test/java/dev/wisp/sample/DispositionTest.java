package dev.wisp.sample;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.Random;
import org.junit.jupiter.api.Test;

/** {@code Content-Disposition} for downloads, RFC 6266 with RFC 8187 {@code filename*}. */
class DispositionTest {

    @Test
    void sendsAPlainAsciiNameQuotedAndAlone() {
        assertEquals("attachment; filename=\"notes.txt\"", Disposition.attachment("notes.txt"));
        assertEquals("attachment; filename=\"a b;c=d,e.txt\"", Disposition.attachment("a b;c=d,e.txt"));
    }

    @Test
    void addsFilenameStarForNonAsciiAfterAnAsciiFallback() {
        // RFC 6266 Appendix D / RFC 8187 §3.2.3's example name.
        assertEquals("attachment; filename=\"_ rates\"; filename*=UTF-8''%E2%82%AC%20rates", Disposition.attachment("€ rates"));
        assertEquals("attachment; filename=\"na_ve.txt\"; filename*=UTF-8''na%C3%AFve.txt", Disposition.attachment("naïve.txt"));
        // One replacement per code point, also outside the BMP; four UTF-8 bytes.
        assertEquals("attachment; filename=\"_.png\"; filename*=UTF-8''%F0%9F%98%80.png", Disposition.attachment("😀.png"));
    }

    @Test
    void keepsQuotesBackslashesAndPercentsOutOfTheQuotedFallback() {
        // RFC 6266 §4.3: no '\' in the quoted form, no '%' that an agent might unescape.
        assertEquals("attachment; filename=\"a_b_c_20.txt\"; filename*=UTF-8''a%22b%5Cc%2520.txt",
                Disposition.attachment("a\"b\\c%20.txt"));
        assertEquals("attachment; filename=\"a__b\"; filename*=UTF-8''a%0D%0Ab", Disposition.attachment("a\r\nb"));
    }

    @Test
    void encodesOnlyAttrCharsAsThemselves() {
        String attrChars = "AZaz09!#$&+-.^_`|~";
        assertEquals("attachment; filename=\"" + attrChars + "\"", Disposition.attachment(attrChars));
        assertEquals("attachment; filename=\"é!#$&+-.^_`|~\"".replace("é", "_") + "; filename*=UTF-8''%C3%A9!#$&+-.^_`|~",
                Disposition.attachment("é!#$&+-.^_`|~"));
        assertEquals("attachment; filename=\"file\"", Disposition.attachment(""));
    }

    @Test
    void alwaysMakesAValidHeaderThatDecodesBackToTheName() {
        Random random = new Random(6266);
        for (int round = 0; round < 5_000; round++) {
            StringBuilder name = new StringBuilder();
            for (int n = 1 + random.nextInt(12); n > 0; n--) {
                int cp = switch (random.nextInt(4)) {
                    case 0 -> random.nextInt(0x80);                 // ASCII, controls included
                    case 1 -> 0x80 + random.nextInt(0x780);         // two UTF-8 bytes
                    case 2 -> 0x800 + random.nextInt(0xd000);       // three (below the surrogates)
                    default -> 0x10000 + random.nextInt(0x10000);   // four
                };
                name.appendCodePoint(cp);
            }
            String value = Disposition.attachment(name.toString());
            for (int i = 0; i < value.length(); i++) {
                char c = value.charAt(i);
                // RFC 9110 §5.5: a field value of visible ASCII and spaces (no CR, LF or other controls).
                assertTrue(c >= 0x20 && c <= 0x7e, "printable ASCII only: " + value);
            }
            String prefix = "attachment; filename=\"";
            int close = value.indexOf('"', prefix.length());
            String fallback = value.substring(prefix.length(), close);
            assertEquals(name.codePointCount(0, name.length()), fallback.length(), "one character per code point: " + value);
            String rest = value.substring(close + 1);
            String decoded = rest.isEmpty() ? fallback : percentDecode(rest.substring("; filename*=UTF-8''".length()));
            assertEquals(name.toString(), decoded);
        }
    }

    /** RFC 8187 §3.2.1 value-chars back to text, strictly: a '%' must start two upper-case hex digits. */
    private static String percentDecode(String value) {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        for (int i = 0; i < value.length(); i++) {
            char c = value.charAt(i);
            if (c == '%') {
                bytes.write(Integer.parseInt(value.substring(i + 1, i + 3), 16));
                i += 2;
            } else {
                bytes.write(c);
            }
        }
        return bytes.toString(StandardCharsets.UTF_8);
    }
}
