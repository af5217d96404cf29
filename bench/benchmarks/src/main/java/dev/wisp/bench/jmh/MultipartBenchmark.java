package dev.wisp.bench.jmh;

import dev.wisp.web.multipart.MultipartLimits;
import dev.wisp.web.multipart.MultipartReader;
import dev.wisp.web.multipart.Part;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.Random;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

/**
 * Streaming a {@code multipart/form-data} body through the framework's {@link MultipartReader}:
 * three small fields and one file whose content is read in 8 KiB steps and discarded, as an
 * upload copied to storage would be. {@code content}: {@code random} bytes (few CRs, the common
 * case) or {@code hostile} near-miss delimiters ({@code CRLF--} plus all but the last boundary
 * byte, repeated), the worst case for the delimiter search. The score divided into the body size
 * gives the parser's throughput; the input stream is an in-memory array, so no I/O is measured.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(1)
public class MultipartBenchmark {
    private static final String BOUNDARY = "----WebKitFormBoundary7MA4YWxkTrZu0gW";
    private static final String TYPE = "multipart/form-data; boundary=" + BOUNDARY;
    private static final MultipartLimits LIMITS = MultipartLimits.defaults().withMaxFileBytes(64L << 20);

    @Param({"65536", "1048576"})
    int fileBytes;

    @Param({"random", "hostile"})
    String content;

    private byte[] body;
    private final byte[] scratch = new byte[8192];

    @Setup
    public void setUp() throws IOException {
        byte[] file = new byte[fileBytes];
        if (content.equals("random")) {
            new Random(42).nextBytes(file);
        } else {
            byte[] nearMiss = ("\r\n--" + BOUNDARY.substring(0, BOUNDARY.length() - 1) + "x").getBytes(StandardCharsets.US_ASCII);
            for (int i = 0; i < file.length; i++) {
                file[i] = nearMiss[i % nearMiss.length];
            }
        }
        ByteArrayOutputStream out = new ByteArrayOutputStream(fileBytes + 1024);
        for (String field : new String[] {"title", "description", "tags"}) {
            out.writeBytes(("--" + BOUNDARY + "\r\nContent-Disposition: form-data; name=\"" + field + "\"\r\n\r\n"
                    + "some value for " + field + "\r\n").getBytes(StandardCharsets.US_ASCII));
        }
        out.writeBytes(("--" + BOUNDARY + "\r\nContent-Disposition: form-data; name=\"file\"; filename=\"photo.jpg\"\r\n"
                + "Content-Type: image/jpeg\r\n\r\n").getBytes(StandardCharsets.US_ASCII));
        out.writeBytes(file);
        out.writeBytes(("\r\n--" + BOUNDARY + "--\r\n").getBytes(StandardCharsets.US_ASCII));
        body = out.toByteArray();
    }

    @Benchmark
    public long parse() throws IOException {
        long total = 0;
        try (MultipartReader reader = MultipartReader.of(new ByteArrayInputStream(body), TYPE, LIMITS)) {
            for (Part part; (part = reader.next()) != null; ) {
                InputStream in = part.body();
                for (int n; (n = in.read(scratch, 0, scratch.length)) >= 0; ) {
                    total += n;
                }
            }
        }
        return total;
    }
}
