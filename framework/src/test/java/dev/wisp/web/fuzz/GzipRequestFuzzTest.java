package dev.wisp.web.fuzz;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.code_intelligence.jazzer.junit.FuzzTest;
import dev.wisp.server.Response;
import dev.wisp.web.App;
import dev.wisp.web.middleware.Compression;
import dev.wisp.web.middleware.CompressionConfig;
import dev.wisp.web.testing.TestRequest;
import dev.wisp.web.testing.TestResponse;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.util.concurrent.TimeUnit;
import java.util.zip.GZIPInputStream;
import org.junit.jupiter.api.Timeout;

/**
 * Fuzzes the bounded gzip request-body decoder behind {@link Compression}: any body sent with
 * {@code Content-Encoding: gzip} is decoded to exactly what the JDK decodes, or refused with a 400
 * (not gzip, truncated) or a 413 (past the decoded limit) problem, never a 500 or a hang. Seeds are
 * in {@code src/test/resources/dev/wisp/web/fuzz/GzipRequestFuzzTestInputs/}.
 */
@Timeout(value = 10, unit = TimeUnit.SECONDS)
class GzipRequestFuzzTest {
    private static final int LIMIT = 4096;
    private static final App APP = App.create()
            .use(Compression.create(CompressionConfig.defaults().withRequestDecoding(LIMIT)))
            .post("/echo", req -> Response.bytes(req.bytes(), "application/octet-stream"))
            .freeze();

    /** The whole input is a request body sent with Content-Encoding: gzip. */
    @FuzzTest(maxDuration = "15s")
    void decodesOrRefusesEveryGzipBody(byte[] data) throws Exception {
        TestResponse res = TestRequest.post("/echo").header("Content-Encoding", "gzip").body(data).send(APP);
        byte[] expected;
        try {
            expected = gunzip(data);
        } catch (IOException e) {
            expected = null;
        }
        if (res.status() == 200) {
            assertTrue(expected != null, "accepted data the JDK can't decode");
            assertArrayEquals(expected, res.bytes());
        } else {
            assertTrue(res.status() == 400 || res.status() == 413, "status " + res.status() + ": " + res.text());
            assertEquals("application/problem+json", res.contentType());
            if (res.status() == 413) {
                assertTrue(expected == null || expected.length > LIMIT, "413 for a body within the limit");
            }
        }
    }

    private static byte[] gunzip(byte[] gz) throws IOException {
        try (InputStream in = new GZIPInputStream(new ByteArrayInputStream(gz))) {
            return in.readAllBytes();
        }
    }
}
