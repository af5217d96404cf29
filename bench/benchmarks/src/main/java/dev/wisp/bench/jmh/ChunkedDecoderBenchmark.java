package dev.wisp.bench.jmh;

import dev.wisp.server.Limits;
import dev.wisp.server.http1.ChunkedInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

/**
 * De-chunking a 64 KiB request body (RFC 9112 §7.1) with server-core's {@link ChunkedInputStream},
 * read through an 8 KiB buffer as a handler copying the body would. Chunk sizes: 64 bytes (a
 * client flushing small writes: the size-line parsing dominates) and 4 KiB (a typical client
 * buffer). Each body ends with one trailer field, so the trailer path is measured too.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(1)
public class ChunkedDecoderBenchmark {
    static final int BODY_BYTES = 64 * 1024;

    @Param({"64", "4096"})
    public int chunkSize;

    private HttpInput input;
    private final byte[] sink = new byte[8192];

    @Setup(Level.Trial)
    public void setUp() throws IOException {
        ByteArrayOutputStream body = new ByteArrayOutputStream();
        for (int sent = 0; sent < BODY_BYTES; sent += chunkSize) {
            int n = Math.min(chunkSize, BODY_BYTES - sent);
            body.write((Integer.toHexString(n) + "\r\n").getBytes(StandardCharsets.US_ASCII));
            for (int i = 0; i < n; i++) {
                body.write('a' + (sent + i) % 26);
            }
            body.write("\r\n".getBytes(StandardCharsets.US_ASCII));
        }
        body.write("0\r\nX-Checksum: 5d41402a\r\n\r\n".getBytes(StandardCharsets.US_ASCII));
        input = new HttpInput(new RepeatingInput(body.toByteArray()), Limits.defaults().http1().readBufferBytes(), () -> {});
        if (decode() != BODY_BYTES) {
            throw new IllegalStateException("the chunked body did not decode to " + BODY_BYTES + " bytes");
        }
    }

    @Benchmark
    public long decode() throws IOException {
        Limits limits = Limits.defaults();
        ChunkedInputStream body = new ChunkedInputStream(input, limits.maxBodyBytes(), limits.http1().maxHeaderBytes(), limits.http1().maxHeaderCount());
        long total = 0;
        int n;
        while ((n = body.read(sink, 0, sink.length)) > 0) {
            total += n;
        }
        return total;
    }
}
