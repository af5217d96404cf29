package dev.wisp.server.http2;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * The HPACK decoder against the examples of RFC 7541 Appendix C (C.2–C.6), each block checked
 * for its fields and for the dynamic table it leaves behind; and its limits.
 */
@Timeout(value = 10, unit = TimeUnit.SECONDS)
class HpackDecoderTest {
    private static final String DATE_21 = "Mon, 21 Oct 2013 20:13:21 GMT";
    private static final String DATE_22 = "Mon, 21 Oct 2013 20:13:22 GMT";
    private static final String COOKIE = "foo=ASDJKHQKBZXOQWEOPIUAXQWEOIU; max-age=3600; version=1";

    /** One block of an Appendix C example: wire bytes, decoded fields, then the table (newest first) and its size. */
    record Step(String hex, List<String> fields, List<String> table, int tableSize) {
    }

    static List<String> f(String... namesAndValues) {
        List<String> out = new ArrayList<>();
        for (int i = 0; i < namesAndValues.length; i += 2) {
            out.add(namesAndValues[i] + ": " + namesAndValues[i + 1]);
        }
        return out;
    }

    // C.3 and C.4: three requests on one connection, without and with Huffman coding.
    static final List<String> REQ1 = f(":method", "GET", ":scheme", "http", ":path", "/", ":authority", "www.example.com");
    static final List<String> REQ2 = f(":method", "GET", ":scheme", "http", ":path", "/", ":authority", "www.example.com",
            "cache-control", "no-cache");
    static final List<String> REQ3 = f(":method", "GET", ":scheme", "https", ":path", "/index.html",
            ":authority", "www.example.com", "custom-key", "custom-value");
    static final List<String> REQ_TABLE1 = f(":authority", "www.example.com");
    static final List<String> REQ_TABLE2 = f("cache-control", "no-cache", ":authority", "www.example.com");
    static final List<String> REQ_TABLE3 = f("custom-key", "custom-value", "cache-control", "no-cache",
            ":authority", "www.example.com");

    static final List<Step> C3 = List.of(
            new Step("828684410f7777772e6578616d706c652e636f6d", REQ1, REQ_TABLE1, 57),
            new Step("828684be58086e6f2d6361636865", REQ2, REQ_TABLE2, 110),
            new Step("828785bf400a637573746f6d2d6b65790c637573746f6d2d76616c7565", REQ3, REQ_TABLE3, 164));
    static final List<Step> C4 = List.of(
            new Step("828684418cf1e3c2e5f23a6ba0ab90f4ff", REQ1, REQ_TABLE1, 57),
            new Step("828684be5886a8eb10649cbf", REQ2, REQ_TABLE2, 110),
            new Step("828785bf408825a849e95ba97d7f8925a849e95bb8e8b4bf", REQ3, REQ_TABLE3, 164));

    // C.5 and C.6: three responses with a 256-octet table, so entries are evicted.
    static final List<String> RESP1 = f(":status", "302", "cache-control", "private", "date", DATE_21,
            "location", "https://www.example.com");
    static final List<String> RESP2 = f(":status", "307", "cache-control", "private", "date", DATE_21,
            "location", "https://www.example.com");
    static final List<String> RESP3 = f(":status", "200", "cache-control", "private", "date", DATE_22,
            "location", "https://www.example.com", "content-encoding", "gzip", "set-cookie", COOKIE);
    static final List<String> RESP_TABLE1 = f("location", "https://www.example.com", "date", DATE_21,
            "cache-control", "private", ":status", "302");
    static final List<String> RESP_TABLE2 = f(":status", "307", "location", "https://www.example.com",
            "date", DATE_21, "cache-control", "private");
    static final List<String> RESP_TABLE3 = f("set-cookie", COOKIE, "content-encoding", "gzip", "date", DATE_22);

    static final List<Step> C5 = List.of(
            new Step("4803333032580770726976617465611d4d6f6e2c203231204f637420323031332032303a31333a323120474d54"
                    + "6e1768747470733a2f2f7777772e6578616d706c652e636f6d", RESP1, RESP_TABLE1, 222),
            new Step("4803333037c1c0bf", RESP2, RESP_TABLE2, 222),
            new Step("88c1611d4d6f6e2c203231204f637420323031332032303a31333a323220474d54c05a04677a69707738666f6f3d"
                    + "4153444a4b48514b425a584f5157454f50495541585157454f49553b206d61782d6167653d333630303b2076"
                    + "657273696f6e3d31", RESP3, RESP_TABLE3, 215));
    static final List<Step> C6 = List.of(
            new Step("488264025885aec3771a4b6196d07abe941054d444a8200595040b8166e082a62d1bff6e919d29ad171863c78f"
                    + "0b97c8e9ae82ae43d3", RESP1, RESP_TABLE1, 222),
            new Step("4883640effc1c0bf", RESP2, RESP_TABLE2, 222),
            new Step("88c16196d07abe941054d444a8200595040b8166e084a62d1bffc05a839bd9ab77ad94e7821dd7f2e6c7b335df"
                    + "dfcd5b3960d5af27087f3672c1ab270fb5291f9587316065c003ed4ee5b1063d5007", RESP3, RESP_TABLE3, 215));

    static List<String> decode(HpackDecoder decoder, byte[] block) throws HpackException {
        FieldList out = new FieldList();
        assertTrue(decoder.decode(block, 0, block.length, out), "list within the limit");
        List<String> fields = new ArrayList<>();
        for (int i = 0; i < out.size(); i++) {
            fields.add(out.name(i) + ": " + out.value(i));
        }
        return fields;
    }

    static List<String> table(DynamicTable table) {
        List<String> entries = new ArrayList<>();
        for (int i = 1; i <= table.length(); i++) {
            entries.add(table.name(i) + ": " + table.value(i));
        }
        return entries;
    }

    private static void replay(List<Step> steps, int tableSize) throws HpackException {
        HpackDecoder decoder = new HpackDecoder(tableSize, 64 * 1024);
        for (Step step : steps) {
            assertEquals(step.fields(), decode(decoder, Hex.bytes(step.hex())), step.hex());
            assertEquals(step.table(), table(decoder.table()), "table after " + step.hex());
            assertEquals(step.tableSize(), decoder.table().size(), "table size after " + step.hex());
        }
    }

    @Test
    void decodesC2FieldRepresentations() throws HpackException {
        HpackDecoder decoder = new HpackDecoder(4096, 1024);
        assertEquals(f("custom-key", "custom-header"), decode(decoder, Hex.bytes("400a637573746f6d2d6b65790d637573746f6d2d686561646572")));
        assertEquals(55, decoder.table().size());
        decoder = new HpackDecoder(4096, 1024);
        assertEquals(f(":path", "/sample/path"), decode(decoder, Hex.bytes("040c2f73616d706c652f70617468")));
        assertEquals(0, decoder.table().length());
        assertEquals(f("password", "secret"), decode(decoder, Hex.bytes("100870617373776f726406736563726574")));
        assertEquals(0, decoder.table().length());
        assertEquals(f(":method", "GET"), decode(decoder, Hex.bytes("82")));
        assertEquals(0, decoder.table().length());
    }

    @Test
    void decodesC3RequestsWithoutHuffman() throws HpackException {
        replay(C3, 4096);
    }

    @Test
    void decodesC4RequestsWithHuffman() throws HpackException {
        replay(C4, 4096);
    }

    @Test
    void decodesC5ResponsesWithEviction() throws HpackException {
        replay(C5, 256);
    }

    @Test
    void decodesC6ResponsesWithHuffmanAndEviction() throws HpackException {
        replay(C6, 256);
    }

    @Test
    void everyTruncationIsACompressionErrorOrAShorterList() throws HpackException {
        for (List<Step> steps : List.of(C3, C4, C5, C6)) {
            HpackDecoder whole = new HpackDecoder(256, 64 * 1024);
            for (Step step : steps) {
                byte[] block = Hex.bytes(step.hex());
                for (int cut = 0; cut < block.length; cut++) {
                    HpackDecoder copy = new HpackDecoder(256, 64 * 1024);
                    for (Step before : steps.subList(0, steps.indexOf(step))) {
                        decode(copy, Hex.bytes(before.hex()));
                    }
                    try {
                        FieldList out = new FieldList();
                        copy.decode(block, 0, cut, out);
                        assertTrue(out.size() < step.fields().size(), "a cut block decoded to a full list");
                    } catch (HpackException expected) {
                        assertEquals(ErrorCode.COMPRESSION_ERROR, expected.code());
                        assertTrue(expected.isConnectionError());
                    }
                }
                decode(whole, block);
            }
        }
    }

    @Test
    void rejectsIndexZeroAndIndexesPastTheTables() {
        assertCompressionError("80");          // index 0, §6.1
        assertCompressionError("be");          // 62 with an empty dynamic table
        assertCompressionError("7f00");        // literal with an indexed name past the tables
        assertCompressionError("0f2f0161");    // 4-bit prefix name index 62, no dynamic entry
    }

    @Test
    void rejectsIntegersPast31Bits() {
        assertCompressionError("ff ff ff ff ff 0f");    // 127 + 2^35-ish
        assertCompressionError("ff 80 80 80 80 80 00"); // six continuation bytes, even if zero
        assertCompressionError("ff 80");                // continuation that never ends
    }

    @Test
    void rejectsStringsLongerThanTheBlock() {
        assertCompressionError("00 05 61");
        assertCompressionError("00 01 61 05 6162");
        assertCompressionError("00");
    }

    @Test
    void rejectsBadHuffman() {
        assertCompressionError("00 81 00 01 61");          // name padding of zeros
        assertCompressionError("00 01 61 82 1fff");        // value '0' then 8 bits of ones: padding too long
        assertCompressionError("00 01 61 84 ffffffff");    // EOS (30 ones) inside the string
    }

    @Test
    void sizeUpdateOnlyAtTheStartAndWithinTheSetting() throws HpackException {
        HpackDecoder decoder = new HpackDecoder(4096, 1024);
        assertEquals(f(":method", "GET"), decode(decoder, Hex.bytes("3fe11f 82"))); // 4096, then a field
        assertEquals(f(":method", "GET"), decode(decoder, Hex.bytes("20 3fe11f 82"))); // two updates: 0 then 4096
        assertThrows(HpackException.class, () -> decode(new HpackDecoder(4096, 1024), Hex.bytes("82 20")));
        assertThrows(HpackException.class, () -> decode(new HpackDecoder(4096, 1024), Hex.bytes("3fe21f")));  // 4097
    }

    @Test
    void sizeUpdateEvicts() throws HpackException {
        HpackDecoder decoder = new HpackDecoder(4096, 1024);
        decode(decoder, Hex.bytes("400a637573746f6d2d6b65790d637573746f6d2d686561646572"));
        assertEquals(1, decoder.table().length());
        assertEquals(List.of(), decode(decoder, Hex.bytes("20")));
        assertEquals(0, decoder.table().length());
        assertThrows(HpackException.class, () -> decode(decoder, Hex.bytes("be")));
    }

    @Test
    void aLoweredSettingRequiresAnUpdateInTheNextBlock() throws HpackException {
        HpackDecoder decoder = new HpackDecoder(4096, 1024);
        decoder.setHeaderTableSizeSetting(100);
        assertThrows(HpackException.class, () -> decode(decoder, Hex.bytes("82")));
        HpackDecoder obeying = new HpackDecoder(4096, 1024);
        obeying.setHeaderTableSizeSetting(100);
        assertEquals(f(":method", "GET"), decode(obeying, Hex.bytes("3f45 82"))); // 31 + 69 = 100
        assertEquals(100, obeying.table().maxSize());
        HpackDecoder raised = new HpackDecoder(4096, 1024);
        raised.setHeaderTableSizeSetting(8192); // a higher setting needs no update
        assertEquals(f(":method", "GET"), decode(raised, Hex.bytes("82")));
    }

    @Test
    void refusesAnHpackBombEarly() throws HpackException {
        // CVE-2016-6581: one 4000-octet entry, then referenced again and again. 1 byte on the wire
        // would be ~4 KB decoded each; the list stops at the limit instead of growing to megabytes.
        HpackDecoder decoder = new HpackDecoder(4096, 16 * 1024);
        HpackOutput block = new HpackOutput(8192);
        block.writeInt(0x40, 6, 0);
        block.writeString("x-bomb", false);
        block.writeString("a".repeat(4000), false);
        for (int i = 0; i < 10_000; i++) {
            block.writeInt(0x80, 7, 62);
        }
        FieldList out = new FieldList();
        assertFalse(decoder.decode(block.array(), 0, block.length(), out));
        assertEquals(4, out.size(), "only what fits in 16 KiB at 4038 octets a field");
        // The table is still in step: the next block can use the entry.
        FieldList next = new FieldList();
        assertTrue(decoder.decode(Hex.bytes("be"), 0, 1, next));
        assertEquals("x-bomb", next.name(0));
    }

    @Test
    void aListJustWithinTheLimitIsAccepted() throws HpackException {
        // ":method: GET" counts 7 + 3 + 32 = 42 octets (RFC 9113 §6.5.2).
        FieldList out = new FieldList();
        assertTrue(new HpackDecoder(4096, 84).decode(Hex.bytes("8282"), 0, 2, out));
        assertFalse(new HpackDecoder(4096, 83).decode(Hex.bytes("8282"), 0, 2, new FieldList()));
    }

    private static void assertCompressionError(String hex) {
        byte[] block = Hex.bytes(hex);
        HpackException e = assertThrows(HpackException.class,
                () -> new HpackDecoder(4096, 64 * 1024).decode(block, 0, block.length, new FieldList()), hex);
        assertEquals(ErrorCode.COMPRESSION_ERROR, e.code());
    }
}
