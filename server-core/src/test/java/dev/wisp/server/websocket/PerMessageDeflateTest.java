package dev.wisp.server.websocket;

import static dev.wisp.server.websocket.WsWire.close;
import static dev.wisp.server.websocket.WsWire.concat;
import static dev.wisp.server.websocket.WsWire.frame;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.wisp.server.Headers;
import dev.wisp.server.WebSocketConfig;
import dev.wisp.server.WebSocketMessage;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.lang.management.ManagementFactory;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.List;
import java.util.Random;
import java.util.stream.IntStream;
import java.util.zip.Deflater;
import java.util.zip.Inflater;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** permessage-deflate (RFC 7692): negotiation, the RFC's examples, round trips, limits. */
@Timeout(60)
class PerMessageDeflateTest {
    private static final HexFormat HEX = HexFormat.of();
    private static final DeflateParams CONTEXT = new DeflateParams(false, false, 0);
    private static final DeflateParams NO_CONTEXT = new DeflateParams(false, true, 0);
    private static final WebSocketConfig CONFIG = WebSocketConfig.defaults();

    @ParameterizedTest(name = "{0} → {1}")
    @CsvSource(delimiter = '|', value = {
            "permessage-deflate | permessage-deflate",
            "PerMessage-Deflate | permessage-deflate",
            "permessage-deflate; server_no_context_takeover | permessage-deflate; server_no_context_takeover",
            "permessage-deflate; client_no_context_takeover | permessage-deflate; client_no_context_takeover",
            "permessage-deflate;client_max_window_bits | permessage-deflate",
            "permessage-deflate; client_max_window_bits=10 | permessage-deflate",
            "permessage-deflate; client_max_window_bits=\"12\" | permessage-deflate",
            "permessage-deflate; server_max_window_bits=15 | permessage-deflate",
            // §7.1.2.1: a Deflater's window is always 15 bits, so a smaller limit is declined ...
            "permessage-deflate; server_max_window_bits=10 | none",
            // ... and the next offer is taken instead (§5).
            "permessage-deflate; server_max_window_bits=10, permessage-deflate | permessage-deflate",
            "x-webkit-deflate-frame, permessage-deflate; client_no_context_takeover | permessage-deflate; client_no_context_takeover",
            // §7.1: unknown or repeated parameters and bad values decline the offer.
            "permessage-deflate; unknown | none",
            "permessage-deflate; server_no_context_takeover; server_no_context_takeover | none",
            "permessage-deflate; server_no_context_takeover=1 | none",
            "permessage-deflate; client_max_window_bits=7 | none",
            "permessage-deflate; client_max_window_bits=16 | none",
            "permessage-deflate; client_max_window_bits=09 | none",
            "permessage-deflate; server_max_window_bits | none",
            // Malformed lists are no offer at all.
            "permessage-deflate; | none",
            "permessage-deflate; a=\"unterminated | none",
            "permessage-deflate x | none",
            "'' | none"})
    void negotiates(String offer, String response) {
        DeflateParams p = DeflateNegotiation.negotiate(List.of(offer));
        assertEquals(response, p == null ? "none" : p.responseHeader());
    }

    @Test
    void inflatesTheRfcExamples() {
        // RFC 7692 §7.2.3.1: "Hello" compressed in one frame; §7.2.3.2: the same again, sharing the
        // window with the first (context takeover); §7.2.3.3: a stored (uncompressed) block; and
        // fragments of one compressed message (§7.2.3.1, second example).
        byte[] hello = HEX.parseHex("f248cdc9c90700");
        byte[] again = HEX.parseHex("f200110000");
        byte[] stored = HEX.parseHex("000500faff48656c6c6f00"); // a stored (uncompressed) block "Hello"
        byte[] input = concat(
                frame(true, true, FrameHeader.TEXT, hello),
                frame(true, true, FrameHeader.TEXT, again),
                frame(true, true, FrameHeader.TEXT, stored),
                frame(false, true, FrameHeader.TEXT, HEX.parseHex("f248cd")),
                frame(true, false, FrameHeader.CONTINUATION, HEX.parseHex("c9c90700")),
                close(1000, ""));
        String expected = "text Hello\ntext Hello\ntext Hello\ntext Hello\nclose 1000 \nwrote [CLOSE 1000 ]";
        assertEquals(expected, WsWire.transcript(input, CONFIG, CONTEXT));
        IntStream.range(1, input.length).forEach(split ->
                assertEquals(expected, WsWire.transcript(input, CONFIG, CONTEXT, split), "split at " + split));
    }

    @Test
    void roundTripsWithAndWithoutContextTakeover() throws Exception {
        Random random = new Random(7);
        for (DeflateParams params : List.of(CONTEXT, NO_CONTEXT)) {
            Deflater client = new Deflater(Deflater.DEFAULT_COMPRESSION, true);
            ByteArrayOutputStream in = new ByteArrayOutputStream();
            byte[][] messages = new byte[6][];
            for (int i = 0; i < messages.length; i++) {
                byte[] m = new byte[i == 0 ? 0 : 1 << (3 * i)];
                for (int k = 0; k < m.length; k++) {
                    m[k] = (byte) ('a' + random.nextInt(i % 2 == 0 ? 3 : 26)); // some compress well, some less
                }
                messages[i] = m;
                if (params.clientNoContextTakeover()) {
                    client.reset();
                }
                in.writeBytes(frame(true, true, FrameHeader.BINARY, clientCompress(client, m)));
            }
            in.writeBytes(close(1000, ""));
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            Session s = new Session(new ByteArrayInputStream(in.toByteArray()), out, () -> { },
                    WsWire.upgradeRequest(Headers.empty()), CONFIG, WsWire.accepted(params));
            for (byte[] m : messages) {
                WebSocketMessage.Binary b = (WebSocketMessage.Binary) s.receive();
                assertArrayEquals(m, b.bytes());
                s.sendBinary(m); // echo, compressed by the server when large enough
            }
            assertEquals(new WebSocketMessage.Close(1000, ""), s.receive());
            // The client inflates the server's frames with one context for the whole session:
            // fresh-context messages must read fine that way.
            Inflater clientInflater = new Inflater(true);
            List<String> frames = WsWire.serverFrames(out.toByteArray());
            for (int i = 0; i < messages.length; i++) {
                String f = frames.get(i);
                byte[] payload = HEX.parseHex(f.substring(f.lastIndexOf(' ') + 1));
                boolean compressed = f.startsWith("BINARY rsv1 ");
                assertEquals(messages[i].length >= Sender.COMPRESS_MIN_BYTES, compressed, "frame " + i);
                byte[] plain = compressed ? clientInflate(clientInflater, payload, messages[i].length) : payload;
                assertArrayEquals(messages[i], plain, "message " + i);
            }
        }
    }

    @Test
    void aDecompressionBombIsStoppedByTheMessageLimit() {
        // 64 MiB of zeros compress to about 64 KiB; the limit is 1 MiB.
        byte[] bomb = clientCompress(new Deflater(Deflater.BEST_COMPRESSION, true), new byte[64 << 20]);
        assertTrue(bomb.length < 256 * 1024, "bomb is " + bomb.length + " bytes");
        WebSocketConfig config = CONFIG.withMaxMessageBytes(1 << 20);
        long before = allocated();
        String t = WsWire.transcript(frame(true, true, FrameHeader.BINARY, bomb), config, CONTEXT);
        long allocated = allocated() - before;
        assertEquals("close 1009 Message too big\nwrote [CLOSE 1009 Message too big]", t);
        assertTrue(allocated < 8L << 20, "inflating the bomb allocated " + allocated + " bytes");
    }

    @Test
    void manyTinyCompressedFramesCostNoBufferEach() {
        byte[] text = "hello, world! ".repeat(200).getBytes();
        // Level 0 (stored blocks): the compressed form is as long as the text, one frame per byte.
        byte[] compressed = clientCompress(new Deflater(Deflater.NO_COMPRESSION, true), text);
        java.io.ByteArrayOutputStream in = new java.io.ByteArrayOutputStream();
        for (int i = 0; i < compressed.length; i++) {
            boolean first = i == 0;
            boolean last = i == compressed.length - 1;
            in.writeBytes(frame(last, first, first ? FrameHeader.TEXT : FrameHeader.CONTINUATION, new byte[] {compressed[i]}));
        }
        byte[] input = in.toByteArray();
        WsWire.transcript(input, CONFIG, CONTEXT); // warm up
        long before = allocated();
        String t = WsWire.transcript(input, CONFIG, CONTEXT);
        long allocated = allocated() - before;
        assertTrue(t.startsWith("text " + new String(text) + "\nclose 1006"), t);
        assertTrue(allocated < 64L * input.length + (256 << 10), input.length + " input bytes allocated " + allocated);
    }

    @Test
    void rejectsCorruptDataAndRsv1OnContinuationsAndControlFrames() {
        assertEquals(1007, code(frame(true, true, FrameHeader.TEXT, HEX.parseHex("ffffffff"))));
        assertEquals(1002, code(concat(frame(false, true, FrameHeader.TEXT, HEX.parseHex("f248")),
                frame(true, true, FrameHeader.CONTINUATION, HEX.parseHex("cd")))));
        assertEquals(1002, code(frame(true, true, FrameHeader.PING, new byte[0])));
        // Compressed text is checked as UTF-8 after inflating.
        byte[] bad = clientCompress(new Deflater(Deflater.DEFAULT_COMPRESSION, true), new byte[] {'a', (byte) 0xff});
        assertEquals(1007, code(frame(true, true, FrameHeader.TEXT, bad)));
    }

    private static int code(byte[] input) {
        String t = WsWire.transcript(input, CONFIG, CONTEXT);
        return Integer.parseInt(t.substring("close ".length(), "close ".length() + 4));
    }

    /** What a client does (§7.2.1): sync flush, then drop the 00 00 ff ff tail. */
    static byte[] clientCompress(Deflater deflater, byte[] data) {
        deflater.setInput(data);
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        byte[] buf = new byte[64 * 1024];
        int n;
        do {
            n = deflater.deflate(buf, 0, buf.length, Deflater.SYNC_FLUSH);
            out.write(buf, 0, n);
        } while (n == buf.length);
        byte[] all = out.toByteArray();
        return Arrays.copyOf(all, all.length - 4);
    }

    private static byte[] clientInflate(Inflater inflater, byte[] payload, int size) throws Exception {
        inflater.setInput(concat(payload, new byte[] {0, 0, (byte) 0xff, (byte) 0xff}));
        byte[] out = new byte[size];
        int n = 0;
        while (n < size) {
            int k = inflater.inflate(out, n, size - n);
            if (k == 0) {
                break;
            }
            n += k;
        }
        return Arrays.copyOf(out, n);
    }

    private static long allocated() {
        return ((com.sun.management.ThreadMXBean) ManagementFactory.getThreadMXBean()).getCurrentThreadAllocatedBytes();
    }

}
