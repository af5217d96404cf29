package dev.wisp.server.http2;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** HPACK integers (RFC 7541 §5.1): the examples of Appendix C.1, the prefix boundaries and the 2^31-1 limit. */
@Timeout(value = 10, unit = TimeUnit.SECONDS)
class HpackIntegerTest {

    @ParameterizedTest(name = "{0} with a {1}-bit prefix")
    @CsvSource({
            "10, 5, 0a",                  // C.1.1
            "1337, 5, 1f9a0a",            // C.1.2
            "42, 7, 2a",                  // C.1.3 (8-bit prefix there; HPACK's widest is 7)
            "30, 5, 1e", "31, 5, 1f00", "32, 5, 1f01",
            "127, 7, 7f00", "128, 7, 7f01", "254, 7, 7f7f", "255, 7, 7f8001",
            "2147483647, 5, 1fe0ffffff07"})
    void encodes(int value, int prefix, String hex) {
        HpackOutput out = new HpackOutput(16);
        out.writeInt(0, prefix, value);
        assertEquals(hex, Hex.of(out.toByteArray()));
    }

    @ParameterizedTest(name = "size update to {0}")
    @CsvSource({"10, 2a", "1337, 3f9a0a", "31, 3f00", "0, 20"})
    void decodesC1ThroughTheSizeUpdate(int value, String hex) throws HpackException {
        // 001xxxxx is the one representation with a 5-bit prefix (§6.3).
        HpackDecoder decoder = new HpackDecoder(4096, 1024);
        byte[] block = Hex.bytes(hex);
        decoder.decode(block, 0, block.length, new FieldList());
        assertEquals(value, decoder.table().maxSize());
    }

    @Test
    void decodesTheLargestIndexAndRejectsOneMore() throws HpackException {
        // An indexed field 2^31-1 is a valid integer (then an index out of range); 2^31 overflows.
        HpackException range = assertThrows(HpackException.class, () -> decode("ff 80 ff ff ff 07"));
        assertEquals("field index out of range", range.getMessage());
        HpackException overflow = assertThrows(HpackException.class, () -> decode("ff 81 ff ff ff 07"));
        assertEquals("integer overflow", overflow.getMessage());
    }

    private static void decode(String hex) throws HpackException {
        byte[] block = Hex.bytes(hex);
        new HpackDecoder(4096, 1024).decode(block, 0, block.length, new FieldList());
    }
}
