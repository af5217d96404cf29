package dev.wisp.server.websocket;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.wisp.server.WebSocketConfig;
import java.lang.management.ManagementFactory;
import java.util.Arrays;
import java.util.stream.IntStream;

/**
 * What the WebSocket fuzz tests share. A session reading untrusted frames must end every input
 * with a {@code Close} from {@code receive()} (never an exception, never a hang), write only
 * well-formed server frames with a Close code that may be sent, give the same transcript however
 * the input is split into reads, and allocate in proportion to its input, not to the lengths the
 * input claims. Run and replay them like the HTTP/1.1 fuzz tests (see
 * {@code dev.wisp.server.http1.FuzzSupport}); the seeds are under
 * {@code src/test/resources/dev/wisp/server/websocket/<Class>Inputs/}.
 */
final class WsFuzz {
    /** Small limits, so the fuzzer reaches them. */
    static final WebSocketConfig CONFIG = WebSocketConfig.defaults().withMaxMessageBytes(64 * 1024).withMaxFrameBytes(16 * 1024);

    private WsFuzz() {
    }

    static void receivesOrFails(byte[] data, DeflateParams deflate) {
        String whole = WsWire.transcript(data, CONFIG, deflate);
        // The transcript's lines: the messages, the Close, then what was written (see WsWire).
        String[] lines = whole.split("\n");
        String lastClose = lines[lines.length - 2];
        assertTrue(lastClose.startsWith("close ") && lines[lines.length - 1].startsWith("wrote ["), whole);
        int code = Integer.parseInt(lastClose.substring(6, lastClose.indexOf(' ', 6)));
        assertTrue(CloseCodes.isValidOnWire(code) || code == CloseCodes.NO_STATUS || code == CloseCodes.ABNORMAL, lastClose);
        // Measured on a second run, so class loading on a path's first use doesn't count. The
        // message buffer may reach the 64 KiB limit and is copied into a String or array, the
        // inflater adds its scratch buffers: 1 MiB plus 64 bytes per input byte is plenty.
        long before = allocatedBytes();
        assertEquals(whole, WsWire.transcript(data, CONFIG, deflate), "same input, same outcome");
        long allocated = allocatedBytes() - before;
        assertTrue(allocated < (1L << 20) + 64L * data.length, data.length + " input bytes allocated " + allocated);
        int[] everyByte = IntStream.range(1, Math.min(data.length, 4096)).toArray();
        assertEquals(whole, WsWire.transcript(data, CONFIG, deflate, everyByte), "one byte per read");
        int piece = 2 + Math.floorMod(Arrays.hashCode(data), 61);
        int[] pieces = IntStream.iterate(piece, i -> i < data.length, i -> i + piece).toArray();
        assertEquals(whole, WsWire.transcript(data, CONFIG, deflate, pieces), "pieces of " + piece);
    }

    static long allocatedBytes() {
        return ((com.sun.management.ThreadMXBean) ManagementFactory.getThreadMXBean()).getCurrentThreadAllocatedBytes();
    }
}
