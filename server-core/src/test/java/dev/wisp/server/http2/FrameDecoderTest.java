package dev.wisp.server.http2;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.HexFormat;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * The frame decoder's rules (RFC 9113 §3.4, §4, §6), each input decoded whole, split in two at
 * every byte and fed one byte at a time, with the same transcript every time.
 */
@Timeout(value = 10, unit = TimeUnit.SECONDS)
class FrameDecoderTest {
    static final String PREFACE = HexFormat.of().formatHex(Frame.PREFACE);
    static final String SETTINGS = frame(Frame.SETTINGS, 0, 0, "");

    /** One frame as hex: header (§4.1) then payload. */
    static String frame(int type, int flags, int stream, String payloadHex) {
        String payload = payloadHex.replace(" ", "");
        return String.format("%06x%02x%02x%08x", payload.length() / 2, type, flags, stream) + payload;
    }

    /**
     * Decodes the input whole, split in two at every byte and byte by byte, and returns the one
     * transcript they all agree on.
     */
    static String decode(String hex) {
        return decode(Hex.bytes(hex), true);
    }

    static String decode(byte[] input, boolean preface) {
        String whole = Transcript.run(new FrameDecoder(16384, preface), new Transcript(), input);
        // Every byte for the small inputs of the rule tables; a sample of splits for large ones.
        int step = input.length <= 4096 ? 1 : 61;
        for (int split = 1; split < input.length; split += step) {
            assertEquals(whole, Transcript.run(new FrameDecoder(16384, preface), new Transcript(), input, split), "split at " + split);
        }
        int[] everyByte = new int[Math.max(0, input.length - 1)];
        for (int i = 0; i < everyByte.length; i++) {
            everyByte[i] = i + 1;
        }
        assertEquals(whole, Transcript.run(new FrameDecoder(16384, preface), new Transcript(), input, everyByte), "byte by byte");
        return whole;
    }

    /** Decodes frames after the preface and SETTINGS, and returns the transcript after "SETTINGS". */
    static String afterPreface(String framesHex) {
        String all = decode(PREFACE + SETTINGS + framesHex);
        assertEquals("SETTINGS\n", all.substring(0, 9), all);
        return all.substring(9).strip();
    }

    @Test
    void acceptsThePrefaceAndSettings() {
        assertEquals("SETTINGS\nend", decode(PREFACE + SETTINGS).strip());
    }

    @Test
    void rejectsABadPrefaceOrAnotherFirstFrame() {
        assertEquals("connection error PROTOCOL_ERROR", decode(PREFACE.replace("5052", "5053") + SETTINGS).strip());
        assertEquals("connection error PROTOCOL_ERROR", decode(PREFACE + frame(Frame.PING, 0, 0, "0000000000000000")).strip());
        assertEquals("connection error PROTOCOL_ERROR", decode(PREFACE + frame(Frame.SETTINGS, 1, 0, "")).strip());
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', textBlock = """
            DATA                          | 0 | 1 | 6869                   | DATA 1 'hi' fc=2\\nend
            DATA END_STREAM               | 1 | 3 | 6869                   | DATA 3 'hi' fc=2 END_STREAM\\nend
            DATA padded                   | 8 | 1 | 02 6869 0000           | DATA 1 'hi' fc=5\\nend
            DATA padding fills it         | 8 | 1 | 03 000000              | DATA 1 '' fc=4\\nend
            DATA padding too long         | 8 | 1 | 04 000000              | connection error PROTOCOL_ERROR
            DATA padded, no pad length    | 8 | 1 | ''                     | connection error FRAME_SIZE_ERROR
            DATA on stream 0              | 0 | 0 | 6869                   | connection error PROTOCOL_ERROR
            """)
    void data(String name, int flags, int stream, String payload, String expected) {
        assertEquals(expected.replace("\\n", "\n"), afterPreface(frame(Frame.DATA, flags, stream, payload)));
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', textBlock = """
            HEADERS                       | 05 | 1 | 82                     | HEADERS 1 82 END_HEADERS END_STREAM\\nend
            HEADERS padded, priority      | 2c | 1 | 01 00000000 10 82 00   | HEADERS 1 82 END_HEADERS\\nend
            HEADERS exclusive priority    | 24 | 1 | 80000003 ff 82         | HEADERS 1 82 END_HEADERS\\nend
            HEADERS depends on itself     | 24 | 3 | 00000003 10 82         | HEADERS 3 82 END_HEADERS\\nstream error 3 PROTOCOL_ERROR\\nend
            HEADERS too short for priority| 24 | 1 | 00000003               | connection error FRAME_SIZE_ERROR
            HEADERS padding too long      | 0c | 1 | 02 82                  | connection error PROTOCOL_ERROR
            HEADERS on stream 0           | 04 | 0 | 82                     | connection error PROTOCOL_ERROR
            PUSH_PROMISE from a client    | 04 | 1 | 00000002 82            | connection error PROTOCOL_ERROR
            """)
    void headers(String name, String flags, int stream, String payload, String expected) {
        int type = name.startsWith("PUSH") ? Frame.PUSH_PROMISE : Frame.HEADERS;
        assertEquals(expected.replace("\\n", "\n"), afterPreface(frame(type, Integer.parseInt(flags, 16), stream, payload)));
    }

    @Test
    void continuationsFollowTheirHeaders() {
        assertEquals("HEADERS 1 82\nCONTINUATION 1 84\nCONTINUATION 1 86 END_HEADERS\nend", afterPreface(
                frame(Frame.HEADERS, 0, 1, "82") + frame(Frame.CONTINUATION, 0, 1, "84") + frame(Frame.CONTINUATION, 4, 1, "86")));
        assertEquals("HEADERS 1 82\nincomplete", afterPreface(frame(Frame.HEADERS, 0, 1, "82")));
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', textBlock = """
            a PING in the block         | 000008060000000000 0000000000000000
            the wrong stream            | 000001090400000003 84
            an unknown frame            | 0000000a0000000001
            DATA in the block           | 000001000000000001 00
            """)
    void aHeaderBlockCannotBeInterrupted(String name, String next) {
        assertEquals("HEADERS 1 82\nconnection error PROTOCOL_ERROR", afterPreface(frame(Frame.HEADERS, 0, 1, "82") + next.replace(" ", "")));
    }

    @Test
    void continuationWithoutHeadersIsAnError() {
        assertEquals("connection error PROTOCOL_ERROR", afterPreface(frame(Frame.CONTINUATION, 4, 1, "82")));
        assertEquals("HEADERS 1 82 END_HEADERS\nconnection error PROTOCOL_ERROR",
                afterPreface(frame(Frame.HEADERS, 4, 1, "82") + frame(Frame.CONTINUATION, 4, 1, "84")));
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', textBlock = """
            PRIORITY                      | 2 | 0 | 3 | 0000000100     | PRIORITY 3\\nend
            PRIORITY on itself            | 2 | 0 | 3 | 0000000310     | stream error 3 PROTOCOL_ERROR\\nend
            PRIORITY of 4 octets          | 2 | 0 | 3 | 00000001       | stream error 3 FRAME_SIZE_ERROR\\nend
            PRIORITY on stream 0          | 2 | 0 | 0 | 0000000100     | connection error PROTOCOL_ERROR
            RST_STREAM                    | 3 | 0 | 1 | 00000008       | RST_STREAM 1 8\\nend
            RST_STREAM of 3 octets        | 3 | 0 | 1 | 000008         | connection error FRAME_SIZE_ERROR
            RST_STREAM on stream 0        | 3 | 0 | 0 | 00000008       | connection error PROTOCOL_ERROR
            PING                          | 6 | 0 | 0 | 0102030405060708 | PING 102030405060708\\nend
            PING ACK                      | 6 | 1 | 0 | 0000000000000001 | PING 1 ACK\\nend
            PING of 7 octets              | 6 | 0 | 0 | 01020304050607 | connection error FRAME_SIZE_ERROR
            PING on a stream              | 6 | 0 | 1 | 0102030405060708 | connection error PROTOCOL_ERROR
            GOAWAY                        | 7 | 0 | 0 | 00000005 0000000b 6869 | GOAWAY 5 11 'hi'\\nend
            GOAWAY of 7 octets            | 7 | 0 | 0 | 00000005 000000 | connection error FRAME_SIZE_ERROR
            GOAWAY on a stream            | 7 | 0 | 1 | 00000005 00000000 | connection error PROTOCOL_ERROR
            WINDOW_UPDATE                 | 8 | 0 | 0 | 00010000       | WINDOW_UPDATE 0 65536\\nend
            WINDOW_UPDATE reserved bit    | 8 | 0 | 5 | 80000001       | WINDOW_UPDATE 5 1\\nend
            WINDOW_UPDATE max             | 8 | 0 | 5 | 7fffffff       | WINDOW_UPDATE 5 2147483647\\nend
            WINDOW_UPDATE 0 on connection | 8 | 0 | 0 | 00000000       | connection error PROTOCOL_ERROR
            WINDOW_UPDATE 0 on a stream   | 8 | 0 | 5 | 00000000       | stream error 5 PROTOCOL_ERROR\\nend
            WINDOW_UPDATE of 3 octets     | 8 | 0 | 5 | 000001         | connection error FRAME_SIZE_ERROR
            unknown type, ignored         | 250 | 7 | 9 | 0102        | UNKNOWN 0xfa 9 2\\nend
            """)
    void controlFrames(String name, int type, int flags, int stream, String payload, String expected) {
        assertEquals(expected.replace("\\n", "\n"), afterPreface(frame(type, flags, stream, payload)));
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', textBlock = """
            values in order               | 0 | 0 | 0001 00001000 0003 00000064 0004 7fffffff 0005 00ffffff | setting 1=4096\\nsetting 3=100\\nsetting 4=2147483647\\nsetting 5=16777215\\nSETTINGS\\nend
            unknown parameter ignored     | 0 | 0 | 00ff 00000001 0002 00000000 | setting 2=0\\nSETTINGS\\nend
            ACK                           | 1 | 0 | ''              | SETTINGS ACK\\nend
            ACK with a payload            | 1 | 0 | 0001 00001000   | connection error FRAME_SIZE_ERROR
            not a multiple of 6           | 0 | 0 | 0001 000010     | connection error FRAME_SIZE_ERROR
            on a stream                   | 0 | 1 | ''              | connection error PROTOCOL_ERROR
            ENABLE_PUSH 2                 | 0 | 0 | 0002 00000002   | connection error PROTOCOL_ERROR
            INITIAL_WINDOW_SIZE 2^31      | 0 | 0 | 0004 80000000   | connection error FLOW_CONTROL_ERROR
            MAX_FRAME_SIZE 2^14-1         | 0 | 0 | 0005 00003fff   | connection error PROTOCOL_ERROR
            MAX_FRAME_SIZE 2^24           | 0 | 0 | 0005 01000000   | connection error PROTOCOL_ERROR
            """)
    void settings(String name, int flags, int stream, String payload, String expected) {
        assertEquals(expected.replace("\\n", "\n"), afterPreface(frame(Frame.SETTINGS, flags, stream, payload)));
    }

    @Test
    void enforcesTheMaxFrameSizeBeforeReadingThePayload() throws Http2Exception {
        String header = "004001000000000001"; // a DATA frame announcing 16385 octets, none of them sent
        assertEquals("connection error FRAME_SIZE_ERROR", afterPreface(header));
        assertEquals("DATA 1 '' fc=0\nend", afterPreface("000000000000000001"));
        FrameDecoder larger = new FrameDecoder(16384, false);
        larger.setMaxFrameSize(32768);
        byte[] big = Hex.bytes(frame(Frame.DATA, 0, 1, "61".repeat(16385)));
        Transcript t = new Transcript();
        larger.feed(big, 0, big.length, t);
        assertEquals("DATA 1 '" + "a".repeat(16385) + "' fc=16385\n", t.out.toString());
    }

    @Test
    void aConnectionErrorIsFinal() {
        FrameDecoder decoder = new FrameDecoder(16384, false);
        byte[] bad = Hex.bytes(frame(Frame.PING, 0, 1, "0000000000000000"));
        Http2Exception first = assertThrows(Http2Exception.class, () -> decoder.feed(bad, 0, bad.length, new Transcript()));
        byte[] good = Hex.bytes(frame(Frame.PING, 0, 0, "0000000000000000"));
        assertSame(first, assertThrows(Http2Exception.class, () -> decoder.feed(good, 0, good.length, new Transcript())));
    }

    @Test
    void manyFramesInOneChunkAndAcrossChunks() {
        StringBuilder in = new StringBuilder();
        StringBuilder expected = new StringBuilder();
        for (int i = 1; i <= 20; i++) {
            in.append(frame(Frame.DATA, 0, 2 * i - 1, "61".repeat(i)));
            expected.append("DATA ").append(2 * i - 1).append(" '").append("a".repeat(i)).append("' fc=").append(i).append('\n');
        }
        assertEquals(expected + "end", afterPreface(in.toString()));
    }
}
