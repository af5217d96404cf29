package dev.wisp.server.http2;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** The HPACK encoder: its indexing policy, its size updates, and round trips through the decoder. */
@Timeout(value = 10, unit = TimeUnit.SECONDS)
class HpackEncoderTest {
    private final HpackEncoder encoder = new HpackEncoder(4096);
    private final HpackDecoder decoder = new HpackDecoder(4096, 64 * 1024);
    private final HpackOutput out = new HpackOutput(64);

    /** Encodes one block, decodes it with the peer's decoder, checks the fields; returns the wire bytes. */
    private String block(String... namesAndValues) throws HpackException {
        out.reset();
        encoder.beginBlock(out);
        for (int i = 0; i < namesAndValues.length; i += 2) {
            encoder.field(out, namesAndValues[i], namesAndValues[i + 1]);
        }
        List<String> expected = new ArrayList<>();
        for (int i = 0; i < namesAndValues.length; i += 2) {
            expected.add(namesAndValues[i].toLowerCase() + ": " + namesAndValues[i + 1]);
        }
        assertEquals(expected, HpackDecoderTest.decode(decoder, out.toByteArray()));
        assertEquals(HpackDecoderTest.table(encoder.table()), HpackDecoderTest.table(decoder.table()), "tables in step");
        return Hex.of(out.toByteArray());
    }

    @Test
    void usesTheStaticTableForExactMatches() throws HpackException {
        assertEquals("88", block(":status", "200"));
        assertEquals("8d", block(":status", "404"));
        assertEquals("90", block("accept-encoding", "gzip, deflate"));
    }

    @Test
    void indexesWhatRepeats() throws HpackException {
        String first = block(":status", "200", "content-type", "application/json", "server", "wisp");
        assertTrue(first.startsWith("885f"), first); // literal with indexing, name index 31
        assertEquals(2, encoder.table().length());
        assertEquals("88bfbe", block(":status", "200", "content-type", "application/json", "server", "wisp"));
        assertEquals("88bfbe", block(":status", "200", "Content-Type", "application/json", "Server", "wisp"));
    }

    @Test
    void neverIndexesSensitiveFields() throws HpackException {
        // §6.2.3: 0001xxxx with the 4-bit name index: set-cookie is 55 = 15 + 40, authorization 23 = 15 + 8.
        String cookie = block("set-cookie", "id=1; HttpOnly");
        assertTrue(cookie.startsWith("1f28"), cookie);
        assertTrue(block("authorization", "Basic YWxhZGRpbjpvcGVuc2VzYW1l").startsWith("1f08"));
        assertTrue(block("proxy-authorization", "Basic YWxhZGRpbjpvcGVuc2VzYW1l").startsWith("1f22"));
        assertTrue(block("cookie", "sid=42").startsWith("1f11"), "short cookie values are never indexed");
        assertEquals(0, encoder.table().length());
        assertTrue(block("set-cookie", "id=1; HttpOnly").startsWith("1f28"), "not indexed the second time either");
        assertTrue(block("cookie", "consent=all; theme=dark; lang=en").startsWith("60"), "a long cookie is indexed");
    }

    @Test
    void doesNotIndexFieldsThatDifferPerMessage() throws HpackException {
        // 0000xxxx: content-length is static name 28 = 15 + 13.
        assertTrue(block("content-length", "1234").startsWith("0f0d83"), "name index, then 3 Huffman-coded octets");
        assertTrue(block("etag", "\"v1\"").startsWith("0f13"));
        assertTrue(block("x-request-id", "abc").startsWith("00"));
        assertEquals(0, encoder.table().length());
    }

    @Test
    void doesNotIndexFieldsLargerThanHalfTheTable() throws HpackException {
        block("x-large", "v".repeat(3000));
        assertEquals(0, encoder.table().length());
        block("x-small", "v".repeat(1000));
        assertEquals(1, encoder.table().length());
    }

    @Test
    void evictsInStepWithTheDecoder() throws HpackException {
        for (int i = 0; i < 300; i++) {
            block(":status", "200", "x-counter", "value-" + i, "content-type", "text/plain");
        }
        assertTrue(encoder.table().size() <= 4096);
    }

    @Test
    void announcesTableSizeChangesAtTheStartOfTheNextBlock() throws HpackException {
        block("content-type", "text/html");
        encoder.setPeerHeaderTableSize(0);
        encoder.setPeerHeaderTableSize(4096);
        // 0 first (so the peer evicts), then 4096 = 31 + 4065 (e1 1f).
        assertTrue(block("content-type", "text/html").startsWith("203fe11f"));
        assertTrue(block("content-type", "text/html").startsWith("be"), "no update when nothing changed");
    }

    @Test
    void usesNoMoreTableThanItsOwnCapAndSaysSo() throws HpackException {
        HpackEncoder small = new HpackEncoder(256);
        HpackOutput o = new HpackOutput(16);
        small.beginBlock(o);
        assertEquals("3fe101", Hex.of(o.toByteArray())); // 256 = 31 + 225
        small.setPeerHeaderTableSize(65536);
        assertEquals(256, small.table().maxSize());
    }

    @Test
    void roundTripsRandomFieldsThroughManyBlocks() throws HpackException {
        Random random = new Random(9113);
        String[] names = {"content-type", "x-a", "x-b", "cache-control", "set-cookie", "date", "vary", "etag"};
        for (int round = 0; round < 200; round++) {
            int n = 1 + random.nextInt(6);
            String[] fields = new String[2 * n];
            for (int i = 0; i < n; i++) {
                fields[2 * i] = names[random.nextInt(names.length)];
                fields[2 * i + 1] = "v" + random.nextInt(20) + "x".repeat(random.nextInt(100));
            }
            if (round % 50 == 0) {
                encoder.setPeerHeaderTableSize(random.nextInt(4097));
                decoder.setHeaderTableSizeSetting(4096);
            }
            block(fields);
        }
    }
}
