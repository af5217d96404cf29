package dev.wisp.server.websocket;

import static dev.wisp.server.websocket.WsWire.close;
import static dev.wisp.server.websocket.WsWire.concat;
import static dev.wisp.server.websocket.WsWire.frame;
import static dev.wisp.server.websocket.WsWire.text;
import static dev.wisp.server.websocket.WsWire.utf8;
import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.wisp.server.WebSocketConfig;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.stream.IntStream;
import java.util.stream.Stream;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The receiving side of a session, byte for byte: each input is a client's frames, the expected
 * transcript is what {@code receive()} returned and the frames the server wrote. Every input is
 * also fed split at every byte and one byte per read, and must give the same transcript.
 */
@Timeout(60)
class SessionReceiveTest {
    private static final WebSocketConfig CONFIG = WebSocketConfig.defaults().withMaxMessageBytes(1000).withMaxFrameBytes(600);
    private static final int TEXT = FrameHeader.TEXT;
    private static final int BINARY = FrameHeader.BINARY;
    private static final int CONT = FrameHeader.CONTINUATION;
    private static final int PING = FrameHeader.PING;
    private static final int PONG = FrameHeader.PONG;
    private static final int CLOSE = FrameHeader.CLOSE;
    private static final String BYE = "close 1000 \nwrote [CLOSE 1000 ]";

    static Stream<Arguments> cases() {
        byte[] euro = utf8("€"); // e2 82 ac
        return Stream.of(
                // RFC 6455 §5.7: a single-frame masked text message "Hello".
                row("rfc 5.7 masked Hello", concat(HexFormat.of().parseHex("818537fa213d7f9f4d5158"), close(1000, "")),
                        "text Hello\n" + BYE),
                // §5.7: a masked Pong "Hello" is ignored.
                row("rfc 5.7 masked pong", concat(HexFormat.of().parseHex("8a8537fa213d7f9f4d5158"), close(1000, "")), BYE),
                row("binary", concat(frame(true, BINARY, new byte[] {0, 1, (byte) 0xff}), close(1000, "")),
                        "binary 0001ff\n" + BYE),
                row("empty text", concat(text(""), close(1000, "")), "text \n" + BYE),
                row("16-bit length", concat(frame(true, BINARY, new byte[300]), close(1000, "")),
                        "binary " + "00".repeat(300) + "\n" + BYE),
                // §5.4: fragments with a Ping between them; the Pong echoes the Ping's payload (§5.5.3).
                row("fragments with ping", concat(frame(false, TEXT, utf8("Hel")), frame(true, PING, utf8("p!")),
                        frame(false, CONT, utf8("l")), frame(true, CONT, utf8("o")), close(1000, "")),
                        "text Hello\nclose 1000 \nwrote [PONG 7021, CLOSE 1000 ]"),
                row("utf-8 split across fragments", concat(frame(false, TEXT, new byte[] {euro[0]}),
                        frame(true, CONT, new byte[] {euro[1], euro[2]}), close(1000, "")), "text €\n" + BYE),
                // §7.1.5 / §5.5.1: the Close is echoed; an empty one is answered empty and reported as 1005.
                row("close with reason", close(1001, "gone"), "close 1001 gone\nwrote [CLOSE 1001 ]"),
                row("close without body", frame(true, CLOSE, new byte[0]), "close 1005 \nwrote [CLOSE ]"),
                row("end without close", text("a"), "text a\nclose 1006 \nwrote []"),
                row("end inside a frame", Arrays.copyOf(text("abc"), 5), "close 1006 \nwrote []"),
                // §5.2: RSV bits without an extension, reserved opcodes, unmasked frames.
                fail("rsv1 without deflate", frame(0xc1, true, 0, utf8("a")), 1002),
                fail("rsv2", frame(0xa1, true, 0, utf8("a")), 1002),
                fail("rsv3", frame(0x91, true, 0, utf8("a")), 1002),
                fail("opcode 3", frame(0x83, true, 0, new byte[0]), 1002),
                fail("opcode 7", frame(0x87, true, 0, new byte[0]), 1002),
                fail("opcode 0xB", frame(0x8b, true, 0, new byte[0]), 1002),
                fail("opcode 0xF", frame(0x8f, true, 0, new byte[0]), 1002),
                fail("unmasked", frame(0x81, false, 0, utf8("a")), 1002),
                // §5.2 lengths: minimal encoding, and the 64-bit form's high bit.
                fail("16-bit length for 5 bytes", frame(0x81, true, 2, utf8("hello")), 1002),
                fail("64-bit length for 300 bytes", frame(0x82, true, 8, new byte[300]), 1002),
                fail("64-bit length with high bit", HexFormat.of().parseHex("82ff8000000000000000"), 1002),
                // §5.5: control frames whole and small.
                fail("fragmented ping", frame(0x09, true, 0, utf8("a")), 1002),
                fail("ping of 126 bytes", frame(true, PING, new byte[126]), 1002),
                fail("close of 126 bytes", frame(true, CLOSE, new byte[126]), 1002),
                // §5.4: fragmentation order.
                fail("continuation first", frame(true, CONT, utf8("a")), 1002),
                fail("text inside a fragmented message", concat(frame(false, TEXT, utf8("a")), text("b")), 1002),
                // §8.1: invalid UTF-8 fails fast, before the message's end arrives.
                fail("overlong utf-8", frame(true, TEXT, new byte[] {(byte) 0xc0, (byte) 0xaf}), 1007),
                fail("invalid utf-8 in a first fragment", frame(false, TEXT, new byte[] {'a', (byte) 0xff}), 1007),
                fail("surrogate", frame(true, TEXT, new byte[] {(byte) 0xed, (byte) 0xa0, (byte) 0x80}), 1007),
                fail("text ends inside a sequence", frame(true, TEXT, new byte[] {euro[0], euro[1]}), 1007),
                // §7.4: close codes and the Close body.
                fail("close with one byte", frame(true, CLOSE, new byte[] {3}), 1002),
                fail("close reason not utf-8", frame(true, CLOSE, new byte[] {3, (byte) 0xe8, (byte) 0xff}), 1007),
                // Limits (§7.4.1, 1009): a frame over the frame limit fails from its header alone.
                fail("frame over the limit", headerOnly(0x82, 601), 1009),
                fail("message over the limit", concat(frame(false, BINARY, new byte[600]), frame(true, CONT, new byte[401])), 1009));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("cases")
    void receivesAsTheRfcSaysWhateverTheSplit(String name, byte[] input, String expected) {
        assertEquals(expected, WsWire.transcript(input, CONFIG, null));
        IntStream.range(1, input.length).forEach(split ->
                assertEquals(expected, WsWire.transcript(input, CONFIG, null, split), "split at " + split));
        int[] everyByte = IntStream.range(1, input.length).toArray();
        assertEquals(expected, WsWire.transcript(input, CONFIG, null, everyByte), "one byte per read");
    }

    static Stream<Arguments> closeCodes() {
        IntStream valid = IntStream.of(1000, 1001, 1002, 1003, 1007, 1008, 1009, 1010, 1011, 1012, 1013, 1014, 3000, 3999, 4000, 4999);
        IntStream invalid = IntStream.of(0, 999, 1004, 1005, 1006, 1015, 1016, 1100, 2000, 2999, 5000, 65535);
        return Stream.concat(valid.mapToObj(c -> Arguments.of(c, true)), invalid.mapToObj(c -> Arguments.of(c, false)));
    }

    @ParameterizedTest(name = "close code {0} valid={1}")
    @MethodSource("closeCodes")
    void validatesCloseCodes(int code, boolean valid) {
        String expected = valid
                ? "close " + code + " \nwrote [CLOSE " + code + " ]"
                : "close 1002 Invalid close code\nwrote [CLOSE 1002 Invalid close code]";
        assertEquals(expected, WsWire.transcript(close(code, ""), CONFIG, null));
    }

    private static Arguments row(String name, byte[] input, String expected) {
        return Arguments.of(name, input, expected);
    }

    /** The peer is failed: our Close carries the code and the reason, and receive() reports both. */
    private static Arguments fail(String name, byte[] input, int code) {
        String reason = reasonFor(input, code);
        return Arguments.of(name, input, "close " + code + " " + reason + "\nwrote [CLOSE " + code + " " + reason + "]");
    }

    /** The fixed reason the implementation gives, found by running it once (the code is what's asserted). */
    private static String reasonFor(byte[] input, int code) {
        String t = WsWire.transcript(input, CONFIG, null);
        String prefix = "close " + code + " ";
        if (!t.startsWith(prefix)) {
            throw new AssertionError("expected close " + code + " but got " + t);
        }
        return t.substring(prefix.length(), t.indexOf('\n'));
    }

    /** A masked frame header with a 16-bit length and no payload: limits are checked before reading it. */
    private static byte[] headerOnly(int b0, int length) {
        return new byte[] {(byte) b0, (byte) (0x80 | 126), (byte) (length >>> 8), (byte) length, 1, 2, 3, 4};
    }
}
