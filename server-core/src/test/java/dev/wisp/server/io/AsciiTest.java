package dev.wisp.server.io;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** Field names compare case-insensitively in ASCII only (RFC 9110 §5.1), never by Unicode folding. */
class AsciiTest {

    @ParameterizedTest
    @CsvSource({
            "content-type, Content-Type, true",
            "ETAG, etag, true",
            "etag, etags, false",
            "x@y, x`y, false",          // '@' and '`' differ only in the 0x20 bit but are not letters
            "\u00dc, \u00fc, false",    // Ü and ü: Latin-1 letters, not folded
            "kelvin, \u212aelvin, false", // the Kelvin sign folds to 'k' in String.equalsIgnoreCase
            "'', '', true"})
    void foldsAsciiLettersOnly(String a, String b, boolean equal) {
        assertEquals(equal, Ascii.equalsIgnoreCase(a, b));
        assertEquals(equal, Ascii.equalsIgnoreCase(b, a));
    }
}
