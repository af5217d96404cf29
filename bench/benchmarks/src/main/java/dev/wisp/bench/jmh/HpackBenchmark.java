package dev.wisp.bench.jmh;

import dev.wisp.server.http2.FieldList;
import dev.wisp.server.http2.HpackDecoder;
import dev.wisp.server.http2.HpackEncoder;
import dev.wisp.server.http2.HpackException;
import dev.wisp.server.http2.HpackOutput;
import java.util.Arrays;
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
 * HPACK (RFC 7541) with server-core's {@code HpackDecoder} and {@code HpackEncoder} on a browser's
 * page request (14 fields, as a current Firefox sends them over HTTP/2). {@code cold} is the first
 * request of a connection: every string literal and Huffman-coded, entries added to a fresh
 * table. {@code warm} is a later request on the same connection, where the fields are references
 * to the dynamic table and only the short cookie (never indexed) is a literal.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(1)
public class HpackBenchmark {
    static final String[] BROWSER = {
            ":method", "GET",
            ":scheme", "https",
            ":authority", "app.example.test",
            ":path", "/todos?page=2&size=20",
            "user-agent", "Mozilla/5.0 (X11; Linux x86_64; rv:128.0) Gecko/20100101 Firefox/128.0",
            "accept", "text/html,application/xhtml+xml,application/xml;q=0.9,*/*;q=0.8",
            "accept-language", "en-US,en;q=0.5",
            "accept-encoding", "gzip, deflate, br, zstd",
            "referer", "https://app.example.test/todos",
            "cookie", "sid=4f2a9c1e",
            "upgrade-insecure-requests", "1",
            "sec-fetch-dest", "document",
            "sec-fetch-mode", "navigate",
            "sec-fetch-site", "same-origin"};

    @Param({"cold", "warm"})
    public String connection;

    private byte[] block;
    private HpackDecoder warmDecoder;
    private HpackEncoder warmEncoder;
    private final HpackOutput out = new HpackOutput(1024);
    private final FieldList fields = new FieldList();

    @Setup(Level.Trial)
    public void setUp() throws HpackException {
        HpackEncoder encoder = new HpackEncoder(4096);
        byte[] first = encode(encoder, out);
        byte[] second = encode(encoder, out);
        block = connection.equals("cold") ? first : second;
        warmEncoder = encoder;
        warmDecoder = new HpackDecoder(4096, 16 * 1024);
        warmDecoder.decode(first, 0, first.length, fields);
        fields.clear();
        if (!decode().equals("[" + String.join("|", BROWSER) + "]")) {
            throw new IllegalStateException("the benchmark block decodes to other fields");
        }
    }

    private static byte[] encode(HpackEncoder encoder, HpackOutput out) {
        out.reset();
        encoder.beginBlock(out);
        for (int i = 0; i < BROWSER.length; i += 2) {
            encoder.field(out, BROWSER[i], BROWSER[i + 1]);
        }
        return Arrays.copyOf(out.array(), out.length());
    }

    private String decode() throws HpackException {
        decodeBlock();
        StringBuilder sb = new StringBuilder("[");
        for (int i = 0; i < fields.size(); i++) {
            sb.append(i == 0 ? "" : "|").append(fields.name(i)).append('|').append(fields.value(i));
        }
        return sb.append(']').toString();
    }

    @Benchmark
    public FieldList decodeBlock() throws HpackException {
        fields.clear();
        HpackDecoder decoder = connection.equals("cold") ? new HpackDecoder(4096, 16 * 1024) : warmDecoder;
        decoder.decode(block, 0, block.length, fields);
        return fields;
    }

    @Benchmark
    public int encodeBlock() {
        HpackEncoder encoder = connection.equals("cold") ? new HpackEncoder(4096) : warmEncoder;
        out.reset();
        encoder.beginBlock(out);
        for (int i = 0; i < BROWSER.length; i += 2) {
            encoder.field(out, BROWSER[i], BROWSER[i + 1]);
        }
        return out.length();
    }
}
