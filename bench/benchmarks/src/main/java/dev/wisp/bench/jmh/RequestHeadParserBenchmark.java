package dev.wisp.bench.jmh;

import dev.wisp.server.Limits;
import dev.wisp.server.http1.RequestHead;
import dev.wisp.server.http1.RequestHeadParser;
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
 * Parsing one request head (request line and header section, RFC 9112 §2–5) with server-core's
 * {@link RequestHeadParser} from an {@link HttpInput} that is reused across requests, as on a
 * keep-alive connection. Two inputs: what a browser sends for a page (10 fields), and a request
 * with 20 fields as seen behind proxies (forwarding, tracing, auth, cookies).
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(1)
public class RequestHeadParserBenchmark {
    static final String BROWSER = """
            GET /todos?page=2&size=20 HTTP/1.1\r
            Host: localhost:8080\r
            User-Agent: Mozilla/5.0 (X11; Linux x86_64; rv:128.0) Gecko/20100101 Firefox/128.0\r
            Accept: text/html,application/xhtml+xml,application/xml;q=0.9,*/*;q=0.8\r
            Accept-Language: en-US,en;q=0.5\r
            Accept-Encoding: gzip, deflate, br, zstd\r
            Connection: keep-alive\r
            Upgrade-Insecure-Requests: 1\r
            Sec-Fetch-Dest: document\r
            Sec-Fetch-Mode: navigate\r
            Sec-Fetch-Site: none\r
            \r
            """;

    static final String TWENTY_HEADERS = """
            POST /api/v1/todos/42/comments?notify=true HTTP/1.1\r
            Host: api.example.test\r
            User-Agent: okhttp/4.12.0\r
            Accept: application/json\r
            Accept-Encoding: gzip\r
            Accept-Language: en-GB,en;q=0.9\r
            Authorization: Bearer eyJhbGciOiJIUzI1NiJ9.eyJzdWIiOiI0MiJ9.c2lnbmF0dXJlc2lnbmF0dXJl\r
            Cache-Control: no-cache\r
            Connection: keep-alive\r
            Content-Type: application/json; charset=utf-8\r
            Content-Length: 0\r
            Cookie: session=4f2a9c1e8b7d6a5f; theme=dark; consent=1\r
            Origin: https://app.example.test\r
            Referer: https://app.example.test/todos/42\r
            X-Request-Id: 7d3f1a2b-9c8e-4f6a-b5d4-e3c2b1a09f8e\r
            X-Forwarded-For: 203.0.113.7, 198.51.100.23\r
            X-Forwarded-Proto: https\r
            Traceparent: 00-4bf92f3577b34da6a3ce929d0e0e4736-00f067aa0ba902b7-01\r
            If-None-Match: "v42-17"\r
            Priority: u=1, i\r
            Sec-Fetch-Mode: cors\r
            \r
            """;

    @Param({"browser", "twentyHeaders"})
    public String request;

    private RequestHeadParser parser;
    private HttpInput input;

    @Setup(Level.Trial)
    public void setUp() throws IOException {
        String text = request.equals("browser") ? BROWSER : TWENTY_HEADERS;
        byte[] bytes = text.getBytes(StandardCharsets.ISO_8859_1);
        parser = new RequestHeadParser(Limits.defaults());
        input = new HttpInput(new RepeatingInput(bytes), Limits.defaults().http1().readBufferBytes(), () -> {});
        RequestHead head = parser.parse(input);
        int expected = request.equals("browser") ? 10 : 20;
        if (head == null || head.headers().size() != expected) {
            throw new IllegalStateException("benchmark input parsed to " + head + ", expected " + expected + " fields");
        }
    }

    @Benchmark
    public RequestHead parse() throws IOException {
        return parser.parse(input);
    }
}
