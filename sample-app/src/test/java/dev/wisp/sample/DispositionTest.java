package dev.wisp.sample;

import static org.junit.jupiter.api.Assertions.assertEquals;

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
}
