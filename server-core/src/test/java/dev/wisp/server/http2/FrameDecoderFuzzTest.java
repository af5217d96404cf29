package dev.wisp.server.http2;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.code_intelligence.jazzer.junit.FuzzTest;
import java.lang.management.ManagementFactory;
import java.util.Arrays;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Timeout;

/**
 * Fuzzes what an HTTP/2 connection's reader does with the bytes after the preface: frames decoded
 * and checked, header blocks gathered from HEADERS and CONTINUATION and HPACK-decoded. The only
 * acceptable outcomes are a transcript of frames, ending normally or with a connection error
 * ({@link Http2Exception}); any other throwable, a hang (the class {@code @Timeout}) or an
 * allocation far beyond the input is a finding. The transcript must not depend on how the input
 * was split into reads. The seed corpus is in
 * {@code src/test/resources/dev/wisp/server/http2/FrameDecoderFuzzTestInputs/}; how to run a
 * fuzzing session is described in {@code http1.FuzzSupport} (same flags, {@code -Dtest=FrameDecoderFuzzTest}).
 */
@Timeout(value = 10, unit = TimeUnit.SECONDS)
class FrameDecoderFuzzTest {

    @FuzzTest(maxDuration = "15s")
    void decodesFramesOrRejectsThem(byte[] data) {
        String whole = run(data, data.length);
        long before = allocatedBytes();
        assertEquals(whole, run(data, data.length), "same input, same outcome");
        long allocated = allocatedBytes() - before;
        // Buffers grow to a frame's size at most; the transcript copies what was decoded (hex, so x4).
        assertTrue(allocated < (1L << 20) + 256L * data.length, "decoding " + data.length + " bytes allocated " + allocated);
        assertEquals(whole, run(data, 1), "one byte per read");
        int piece = 2 + Math.floorMod(Arrays.hashCode(data), 61);
        assertEquals(whole, run(data, piece), "pieces of " + piece + " bytes");
    }

    private static String run(byte[] data, int piece) {
        int[] splits = new int[data.length == 0 ? 0 : (data.length - 1) / piece];
        for (int i = 0; i < splits.length; i++) {
            splits[i] = (i + 1) * piece;
        }
        FrameDecoder decoder = new FrameDecoder(16384, false);
        String transcript = Transcript.run(decoder, new Transcript(new HpackDecoder(4096, 8192)), data, splits);
        assertTrue(decoder.buffered() <= Frame.HEADER_LENGTH + 16384, "buffered past the frame size");
        return transcript;
    }

    static long allocatedBytes() {
        return ((com.sun.management.ThreadMXBean) ManagementFactory.getThreadMXBean()).getCurrentThreadAllocatedBytes();
    }
}
