package dev.wisp.server.http2;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.code_intelligence.jazzer.junit.FuzzTest;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Timeout;

/**
 * Fuzzes the HPACK decoder over a sequence of header blocks sharing one dynamic table. The input
 * is a table size byte, then blocks, each preceded by its length byte. The decoder must decode a
 * block or throw {@link HpackException}; it must keep the table within its size and the list
 * within its limit; and whatever it decodes must survive a round trip through the encoder and a
 * fresh decoder. Any other throwable or a hang is a finding. The seed corpus is in
 * {@code src/test/resources/dev/wisp/server/http2/HpackDecoderFuzzTestInputs/}.
 */
@Timeout(value = 10, unit = TimeUnit.SECONDS)
class HpackDecoderFuzzTest {
    private static final int MAX_LIST = 4096;

    @FuzzTest(maxDuration = "15s")
    void decodesBlocksOrRejectsThem(byte[] data) throws HpackException {
        if (data.length == 0) {
            return;
        }
        int tableSize = (data[0] & 0xff) * 32; // 0..8160, around the 4096 default
        HpackDecoder decoder = new HpackDecoder(tableSize, MAX_LIST);
        HpackEncoder encoder = new HpackEncoder(4096);
        HpackDecoder peer = new HpackDecoder(4096, Integer.MAX_VALUE);
        HpackOutput out = new HpackOutput(256);
        for (int pos = 1; pos < data.length; ) {
            int len = Math.min(data[pos] & 0xff, data.length - pos - 1);
            FieldList fields = new FieldList();
            boolean fits;
            try {
                fits = decoder.decode(data, pos + 1, len, fields);
            } catch (HpackException e) {
                assertEquals(ErrorCode.COMPRESSION_ERROR, e.code());
                return; // the connection ends here
            }
            pos += 1 + len;
            assertTrue(decoder.table().size() <= decoder.table().maxSize() && decoder.table().maxSize() <= tableSize,
                    "table past its size");
            long listSize = 0;
            for (int i = 0; i < fields.size(); i++) {
                listSize += DynamicTable.sizeOf(fields.name(i), fields.value(i));
            }
            assertTrue(listSize <= MAX_LIST, "list past its limit");
            if (fits) {
                roundTrip(fields, encoder, peer, out);
            }
        }
    }

    /** What the encoder does to names: ASCII letters only (RFC 9113 §8.2), unlike {@code String.toLowerCase}. */
    private static String asciiLowercase(String name) {
        StringBuilder sb = new StringBuilder(name.length());
        for (int i = 0; i < name.length(); i++) {
            char c = name.charAt(i);
            sb.append(c >= 'A' && c <= 'Z' ? (char) (c + 32) : c);
        }
        return sb.toString();
    }

    /** Encodes the fields as a server would (names lowercased) and decodes them again. */
    private static void roundTrip(FieldList fields, HpackEncoder encoder, HpackDecoder peer, HpackOutput out) throws HpackException {
        out.reset();
        encoder.beginBlock(out);
        FieldList expected = new FieldList();
        for (int i = 0; i < fields.size(); i++) {
            encoder.field(out, fields.name(i), fields.value(i));
            expected.add(asciiLowercase(fields.name(i)), fields.value(i));
        }
        FieldList again = new FieldList();
        assertTrue(peer.decode(out.array(), 0, out.length(), again));
        assertEquals(expected.toString(), again.toString(), "encode and decode changed the fields");
    }
}
