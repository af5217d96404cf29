package dev.wisp.bench.jmh;

import dev.wisp.server.Body;
import dev.wisp.server.Handler;
import dev.wisp.server.Request;
import dev.wisp.server.Response;
import dev.wisp.web.middleware.Compression;
import dev.wisp.web.middleware.CompressionConfig;
import dev.wisp.web.testing.TestRequest;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.TimeUnit;
import java.util.zip.GZIPOutputStream;
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
import org.openjdk.jmh.infra.Blackhole;

/**
 * The framework's {@link Compression} middleware on a JSON response: a page of todos of
 * {@code size} bytes at deflate {@code level}, through the whole middleware (Accept-Encoding
 * negotiation, type and size checks, header rewrite, compression). {@code bytes}: an in-memory body,
 * compressed at once. {@code stream}: the same JSON written by a streamed body, compressed on the
 * fly into a discarding sink. {@code identity}: a client that sends no Accept-Encoding, i.e. what the
 * middleware costs when it doesn't compress. {@code decodeRequest}: the bounded gzip request-body
 * decoder reading a compressed upload of {@code size} bytes.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(1)
public class CompressionBenchmark {
    @Param({"2048", "32768"})
    public int size;

    @Param({"1", "6"})
    public int level;

    private Handler bytes;
    private Handler stream;
    private Handler decoding;
    private Request gzipGet;
    private Request plainGet;
    private Request gzipPost;
    private byte[] gzipped;

    @Setup(Level.Trial)
    public void setUp() throws Exception {
        byte[] json = todos(size);
        Compression compression = Compression.create(CompressionConfig.defaults().withLevel(level)
                .withRequestDecoding(1 << 20));
        bytes = compression.wrap(req -> Response.bytes(json, "application/json").withHeader("ETag", "\"42\""));
        stream = compression.wrap(req -> Response.stream("application/json", out -> out.write(json)));
        decoding = compression.wrap(req -> Response.text(Integer.toString(req.bytes().length)));
        gzipGet = TestRequest.get("/api/todos").header("Accept-Encoding", "gzip, deflate, br, zstd").build();
        plainGet = TestRequest.get("/api/todos").build();
        gzipped = gzip(json);
        gzipPost = TestRequest.post("/api/todos").header("Content-Encoding", "gzip").build();
        Response check = bytes.handle(gzipGet);
        if (!"gzip".equals(check.header("Content-Encoding"))) {
            throw new IllegalStateException("the bytes benchmark would not compress: " + check.headers());
        }
        if (!decoding.handle(gzipPost.withBody(new ByteArrayInputStream(gzipped))).bodyText().equals(Integer.toString(json.length))) {
            throw new IllegalStateException("the request decoder did not restore the body");
        }
    }

    @Benchmark
    public Response bytes() throws Exception {
        return bytes.handle(gzipGet);
    }

    @Benchmark
    public void stream(Blackhole bh) throws Exception {
        Response r = stream.handle(gzipGet);
        ((Body.Stream) r.body()).writer().writeTo(new Discard(bh));
    }

    @Benchmark
    public Response identity() throws Exception {
        return bytes.handle(plainGet);
    }

    @Benchmark
    public Response decodeRequest() throws Exception {
        return decoding.handle(gzipPost.withBody(new ByteArrayInputStream(gzipped)));
    }

    /** A JSON array of todo objects, about {@code size} bytes. */
    static byte[] todos(int size) {
        String[] words = {"milk", "bread", "plants", "invoice", "call", "mum", "taxes", "bike", "garden", "report"};
        StringBuilder sb = new StringBuilder("{\"items\":[");
        for (int i = 0; sb.length() < size - 40; i++) {
            sb.append(i == 0 ? "" : ",").append("{\"id\":").append(i + 1).append(",\"title\":\"")
                    .append(words[i % words.length]).append(' ').append(words[(i * 7) % words.length]).append(' ').append(i * 31 % 997)
                    .append("\",\"completed\":").append(i % 3 == 0).append('}');
        }
        return sb.append("],\"total\":1000}").toString().getBytes(StandardCharsets.UTF_8);
    }

    static byte[] gzip(byte[] plain) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try (GZIPOutputStream gz = new GZIPOutputStream(out)) {
            gz.write(plain);
        }
        return out.toByteArray();
    }

    /** Consumes what the server would send, so the compression can't be optimised away. */
    static final class Discard extends OutputStream {
        private final Blackhole bh;

        Discard(Blackhole bh) {
            this.bh = bh;
        }

        @Override
        public void write(int b) {
            bh.consume(b);
        }

        @Override
        public void write(byte[] b, int off, int len) {
            bh.consume(b);
            bh.consume(len);
        }
    }
}
