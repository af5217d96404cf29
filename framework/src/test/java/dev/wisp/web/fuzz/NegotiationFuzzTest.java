package dev.wisp.web.fuzz;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.code_intelligence.jazzer.junit.FuzzTest;
import dev.wisp.server.Response;
import dev.wisp.web.App;
import dev.wisp.web.middleware.Compression;
import dev.wisp.web.middleware.Conditional;
import dev.wisp.web.middleware.ETag;
import dev.wisp.web.testing.TestRequest;
import dev.wisp.web.testing.TestResponse;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.zip.GZIPInputStream;
import org.junit.jupiter.api.Timeout;

/**
 * Fuzzes the compression middleware and the precondition helpers through an {@link App}: the
 * {@code Accept-Encoding} negotiation and the entity-tag and date parsers behind {@code If-Match},
 * {@code If-None-Match}, {@code If-Modified-Since} and {@code If-Unmodified-Since}. Any input gets
 * one of the statuses the RFCs allow, a gzip body that decodes to exactly the original, HEAD
 * headers equal to GET's, and never a 500. Seeds are in
 * {@code src/test/resources/dev/wisp/web/fuzz/NegotiationFuzzTestInputs/}.
 */
@Timeout(value = 10, unit = TimeUnit.SECONDS)
class NegotiationFuzzTest {
    private static final byte[] BODY = "{\"id\":7,\"title\":\"Buy milk\"} ".repeat(100).getBytes(StandardCharsets.UTF_8);
    private static final String[] FIELDS = {"Accept-Encoding", "If-None-Match", "If-Match", "If-Modified-Since", "If-Unmodified-Since"};

    private static final App APP = App.create()
            .use(Compression.create())
            .get("/todo", req -> Conditional.check(req.request(), ETag.of(7), java.time.Instant.ofEpochSecond(1_700_000_000))
                    .orElseGet(() -> Response.bytes(BODY, "application/json").withHeader("ETag", ETag.of(7).toString())))
            .put("/todo", req -> {
                Conditional.check(req.request(), ETag.of(7));
                return null;
            })
            .freeze();

    /** Lines of the input are the values of FIELDS, in order; the first byte picks the method. */
    @FuzzTest(maxDuration = "15s")
    void negotiatesAndEvaluatesEveryFieldValue(byte[] data) throws Exception {
        if (data.length == 0) {
            return;
        }
        String method = switch (data[0] & 3) {
            case 0 -> "GET";
            case 1 -> "HEAD";
            default -> "PUT";
        };
        String text = new String(data, 1, data.length - 1, StandardCharsets.ISO_8859_1);
        TestRequest request = TestRequest.of(method, "/todo");
        TestRequest get = TestRequest.get("/todo");
        int field = 0;
        int start = 0;
        while (start <= text.length() && field < FIELDS.length) {
            int end = text.indexOf('\n', start);
            if (end < 0) {
                end = text.length();
            }
            String value = text.substring(start, end);
            if (!value.isEmpty() && validFieldValue(value)) {
                request.header(FIELDS[field], value);
                get.header(FIELDS[field], value);
            }
            field++;
            start = end + 1;
        }
        TestResponse res = request.send(APP);
        int status = res.status();
        Set<Integer> allowed = method.equals("PUT") ? Set.of(204, 412) : Set.of(200, 304, 406, 412);
        assertTrue(allowed.contains(status), method + " got " + status + ": " + res.text());
        if ("gzip".equals(res.header("Content-Encoding")) && method.equals("GET") && status == 200) {
            assertArrayEquals(BODY, gunzip(res.bytes()));
            assertEquals("\"7-gzip\"", res.header("ETag"));
        }
        if (method.equals("HEAD")) {
            assertEquals(get.send(APP).headers(), res.headers(), "HEAD headers equal GET's");
        }
    }

    private static boolean validFieldValue(String value) {
        for (int i = 0; i < value.length(); i++) {
            char c = value.charAt(i);
            if ((c < 0x20 && c != '\t') || c == 0x7f) {
                return false;
            }
        }
        return true;
    }

    private static byte[] gunzip(byte[] gz) throws IOException {
        try (InputStream in = new GZIPInputStream(new ByteArrayInputStream(gz))) {
            return in.readAllBytes();
        }
    }
}
