package dev.wisp.server.http2;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.util.Random;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** The Huffman code of RFC 7541 Appendix B and its decoding rules (§5.2). */
@Timeout(value = 10, unit = TimeUnit.SECONDS)
class HuffmanTest {

    @ParameterizedTest(name = "symbol {0}")
    @CsvSource({
            "0, 1ff8, 13", "1, 7fffd8, 23", "10, 3ffffffc, 30", "32, 14, 6", "48, 0, 5", "97, 3, 5",
            "92, 7fff0, 19", "127, ffffffc, 28", "192, 3ffffe0, 26", "255, 3ffffee, 26", "256, 3fffffff, 30"})
    void derivesTheCodesPrintedInAppendixB(int symbol, String hex, int length) {
        assertEquals(Integer.parseInt(hex, 16), Huffman.CODES[symbol]);
        assertEquals(length, Huffman.length(symbol));
    }

    @Test
    void theCodeIsCompleteAndPrefixFree() {
        // Kraft: the lengths of a complete prefix code sum to exactly 1 as 2^-length; with the
        // codes derived canonically that also makes them prefix-free.
        long sum = 0;
        for (int sym = 0; sym <= 256; sym++) {
            assertTrue(Huffman.length(sym) >= 5 && Huffman.length(sym) <= 30);
            sum += 1L << (30 - Huffman.length(sym));
        }
        assertEquals(1L << 30, sum);
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource({
            "www.example.com, f1e3c2e5f23a6ba0ab90f4ff",
            "no-cache, a8eb10649cbf",
            "custom-key, 25a849e95ba97d7f",
            "custom-value, 25a849e95bb8e8b4bf",
            "302, 6402",
            "private, aec3771a4b",
            "'Mon, 21 Oct 2013 20:13:21 GMT', d07abe941054d444a8200595040b8166e082a62d1bff",
            "https://www.example.com, 9d29ad171863c78f0b97c8e9ae82ae43d3",
            "gzip, 9bd9ab"})
    void encodesAndDecodesTheAppendixCStrings(String text, String hex) throws HpackException {
        byte[] expected = Hex.bytes(hex);
        assertEquals(expected.length, Huffman.encodedLength(text, false));
        byte[] out = new byte[expected.length];
        assertEquals(expected.length, Huffman.encode(text, false, out, 0));
        assertArrayEquals(expected, out);
        assertEquals(text, decode(expected));
    }

    @Test
    void roundTripsEveryOctetAndRandomStrings() throws HpackException {
        StringBuilder all = new StringBuilder();
        for (int c = 0; c < 256; c++) {
            all.append((char) c);
        }
        Random random = new Random(7541);
        for (int round = 0; round < 500; round++) {
            String s = round == 0 ? all.toString() : randomLatin1(random, random.nextInt(40));
            byte[] out = new byte[Huffman.encodedLength(s, false)];
            Huffman.encode(s, false, out, 0);
            assertEquals(s, decode(out));
        }
    }

    @Test
    void foldsUppercaseWhenAskedTo() throws HpackException {
        byte[] out = new byte[Huffman.encodedLength("Content-Type", true)];
        Huffman.encode("Content-Type", true, out, 0);
        assertEquals("content-type", decode(out));
    }

    @Test
    void acceptsPaddingOfOneToSevenOnes() throws HpackException {
        // 'a' is 00011 (5 bits): three bits of padding make one byte.
        assertEquals("a", decode(new byte[] {(byte) 0b00011111}));
        // "0a" is 00000 00011 (10 bits): six bits of padding.
        assertEquals("0a", decode(new byte[] {0b00000000, (byte) 0b11111111}));
        assertEquals("", decode(new byte[0]));
    }

    @Test
    void rejectsPaddingThatIsNotAllOnes() {
        assertThrows(HpackException.class, () -> decode(new byte[] {(byte) 0b00011110}));
        assertThrows(HpackException.class, () -> decode(new byte[] {(byte) 0b00011011}));
    }

    @Test
    void rejectsPaddingOfEightBitsOrMore() {
        assertThrows(HpackException.class, () -> decode(new byte[] {(byte) 0b00011111, (byte) 0xff}));
        assertThrows(HpackException.class, () -> decode(new byte[] {(byte) 0xff}));
    }

    @Test
    void rejectsEosInTheString() {
        // EOS is 30 ones; followed by two bits of padding it is a whole 4 bytes.
        assertThrows(HpackException.class, () -> decode(new byte[] {-1, -1, -1, -1}));
        // 'a' then EOS then padding.
        assertThrows(HpackException.class, () -> decode(Hex.bytes("1fffffff fc")));
    }

    static String decode(byte[] encoded) throws HpackException {
        byte[] out = new byte[encoded.length * 8 / 5 + 1];
        int n = Huffman.decode(encoded, 0, encoded.length, out);
        return new String(out, 0, n, StandardCharsets.ISO_8859_1);
    }

    private static String randomLatin1(Random random, int length) {
        StringBuilder sb = new StringBuilder();
        for (int i = 0; i < length; i++) {
            sb.append((char) random.nextInt(256));
        }
        return sb.toString();
    }
}
