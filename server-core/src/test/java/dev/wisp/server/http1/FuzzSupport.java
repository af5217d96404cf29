package dev.wisp.server.http1;

import dev.wisp.server.io.HttpInput;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.wisp.server.HttpProtocolException;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.lang.management.ManagementFactory;
import java.util.Arrays;
import java.util.function.Function;

/**
 * What the parser fuzz tests ({@code RequestHeadParserFuzzTest}, {@code ChunkedInputStreamFuzzTest},
 * {@code RequestTargetFuzzTest}) share: the rule for acceptable outcomes, the same input fed in
 * different read sizes, and an allocation bound.
 *
 * <p>The only acceptable outcomes of parsing untrusted bytes are a value, an
 * {@link HttpProtocolException} (the module's documented error, which becomes a 4xx) or an
 * {@link EOFException} for input that ends inside a message. Anything else that escapes a target
 * — a {@code RuntimeException}, another {@code IOException}, an {@code Error}, a failed invariant —
 * is a finding, as are a hang (Jazzer's per-input timeout, the class {@code @Timeout}) and an
 * allocation far beyond the input's size.
 *
 * <h2>Running</h2>
 * <ul>
 *   <li>Plain build ({@code mvn verify}): Jazzer's regression mode; each fuzz test replays the files
 *       under {@code src/test/resources/dev/wisp/server/http1/<Class>Inputs/<method>/} (the seed
 *       corpus, plus any crash a fuzz run saved there) and finishes in well under a second.</li>
 *   <li>Bounded fuzzing, about a minute for the three targets, from the repository root:
 *       <pre>{@code
 * JAZZER_FUZZ=1 mvn -B -pl server-core test -Dtest='*FuzzTest' -DreuseForks=false \
 *     -Djazzer.max_duration=15s -Djunit.jupiter.execution.timeout.mode=disabled
 *       }</pre>
 *       {@code JAZZER_FUZZ=1} switches Jazzer from replaying to fuzzing. Jazzer fuzzes only the first
 *       fuzz test of a JVM, so {@code -DreuseForks=false} gives each class its own. The class
 *       {@code @Timeout} stays Jazzer's per-input limit, but JUnit would also apply it to the
 *       whole fuzzing session, hence {@code timeout.mode=disabled}; the session is bounded by
 *       {@code max_duration} (default: the {@code @FuzzTest} annotation's 15 s).</li>
 *   <li>Long runs: the same with {@code -Djazzer.max_duration=2h}, one class at a time
 *       ({@code -Dtest=RequestHeadParserFuzzTest}).</li>
 * </ul>
 * A crashing input is written into the test's {@code Inputs/<method>} directory, so every later
 * build replays it: check it in, fix the parser, and add a readable unit test for the case.
 * Inputs libFuzzer found interesting go to {@code server-core/.cifuzz-corpus/}, which is a local
 * cache, not to be checked in (a plain build replays it too while it exists).
 */
final class FuzzSupport {
    private FuzzSupport() {
    }

    /**
     * Runs one parse of untrusted input. Returns the transcript it produced, ending with how it
     * ended: normally, rejected ({@code reject <status> <message>}) or cut short ({@code eof}).
     * Any other throwable propagates and is a finding.
     */
    static String outcome(ParseRun run) throws IOException {
        StringBuilder transcript = new StringBuilder();
        try {
            run.run(transcript);
            transcript.append("end");
        } catch (HttpProtocolException e) {
            assertTrue(e.status() >= 400 && e.status() <= 599, "protocol error with a non-error status " + e.status());
            assertTrue(e.getMessage() != null && !e.getMessage().isBlank(), "protocol error without a message");
            transcript.append("reject ").append(e.status()).append(' ').append(e.getMessage())
                    .append(e.closeConnection() ? " close" : " keep");
        } catch (EOFException e) {
            transcript.append("eof");
        }
        return transcript.toString();
    }

    /** One parse over some input, appending what it parsed to a transcript. */
    @FunctionalInterface
    interface ParseRun {
        void run(StringBuilder transcript) throws IOException;
    }

    /**
     * Parses the same bytes delivered whole, one byte per read and in pieces of an input-dependent
     * size, over a large and a small initial buffer; all transcripts must be equal. A parser that
     * depends on where TCP happened to split its input (or on buffer compaction) would be a
     * desync waiting to happen.
     */
    static String sameWhateverTheSplit(byte[] data, Function<Source, ParseRun> parse) throws IOException {
        String whole = outcome(parse.apply(new Source(data, Integer.MAX_VALUE, 4096)));
        // Unbounded allocation is a finding. Measured on a second, identical run, so that class
        // loading and call-site linking on a path's first use don't count. The buffer may grow to the
        // line limits and the transcript copies what was parsed: 1 MiB plus 64 bytes per input byte is plenty.
        long before = allocatedBytes();
        assertEquals(whole, outcome(parse.apply(new Source(data, Integer.MAX_VALUE, 4096))), "same input, same outcome");
        long allocated = allocatedBytes() - before;
        long budget = (1L << 20) + 64L * data.length;
        assertTrue(allocated < budget, "parsing " + data.length + " bytes allocated " + allocated + " bytes");

        assertEquals(whole, outcome(parse.apply(new Source(data, 1, 256))), "one byte per read");
        int piece = 2 + Math.floorMod(Arrays.hashCode(data), 61);
        assertEquals(whole, outcome(parse.apply(new Source(data, piece, 256))), "pieces of " + piece + " bytes");
        return whole;
    }

    /** The input as the connection would see it: a buffer over a stream that yields {@code piece} bytes per read. */
    static final class Source {
        final HttpInput in;
        private final TrickleInputStream raw;

        Source(byte[] data, int piece, int bufferSize) {
            this.raw = new TrickleInputStream(data, piece);
            this.in = new HttpInput(raw, bufferSize, () -> { });
        }

        /** Bytes the parsers have consumed: taken from the stream and no longer buffered. */
        int consumed() {
            return raw.taken() - in.buffered();
        }
    }

    /** Bytes allocated by this thread so far (HotSpot's per-thread allocation counter). */
    static long allocatedBytes() {
        return ((com.sun.management.ThreadMXBean) ManagementFactory.getThreadMXBean()).getCurrentThreadAllocatedBytes();
    }

    /** Hands out its bytes at most {@code piece} at a time, like TCP segments. */
    static final class TrickleInputStream extends InputStream {
        private final byte[] data;
        private final int piece;
        private int pos;

        TrickleInputStream(byte[] data, int piece) {
            this.data = data;
            this.piece = piece;
        }

        @Override
        public int read() {
            return pos < data.length ? data[pos++] & 0xff : -1;
        }

        @Override
        public int read(byte[] b, int off, int len) {
            if (len == 0) {
                return 0;
            }
            if (pos >= data.length) {
                return -1;
            }
            int n = Math.min(Math.min(len, piece), data.length - pos);
            System.arraycopy(data, pos, b, off, n);
            pos += n;
            return n;
        }

        /** How many bytes readers have taken from this stream. */
        int taken() {
            return pos;
        }
    }
}
