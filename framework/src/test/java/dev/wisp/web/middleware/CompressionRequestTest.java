package dev.wisp.web.middleware;

import static dev.wisp.web.middleware.CompressionTest.gzip;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.wisp.server.Response;
import dev.wisp.web.App;
import dev.wisp.web.testing.TestRequest;
import dev.wisp.web.testing.TestResponse;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** Request bodies with Content-Encoding: decoded only when enabled, and bounded when decoded. */
@Timeout(value = 10, unit = TimeUnit.SECONDS)
class CompressionRequestTest {
    record Note(String text) {
    }

    static final int LIMIT = 64 * 1024;
    static final App DECODING = App.create()
            .use(Compression.create(CompressionConfig.defaults().withRequestDecoding(LIMIT)))
            .post("/echo", req -> Response.bytes(req.bytes(), "application/octet-stream")
                    .withHeader("X-Seen-Encoding", String.valueOf(req.header("Content-Encoding")))
                    .withHeader("X-Seen-Length", String.valueOf(req.header("Content-Length"))))
            .post("/notes", req -> req.json(Note.class));
    static final App PLAIN = App.create().use(Compression.create())
            .post("/echo", req -> Response.bytes(req.bytes(), "application/octet-stream"));

    static TestResponse post(App app, String encoding, byte[] body) throws Exception {
        TestRequest r = TestRequest.post("/echo").body(body);
        if (encoding != null) {
            r.header("Content-Encoding", encoding);
        }
        return r.send(app);
    }

    @ParameterizedTest
    @ValueSource(strings = {"gzip", "GZIP", "x-gzip", "gzip, identity", "identity,gzip", " gzip ,"})
    void decodesAGzipBody(String encoding) throws Exception {
        byte[] plain = "hello, compressed world ".repeat(100).getBytes(StandardCharsets.UTF_8);
        TestResponse res = post(DECODING, encoding, gzip(plain));
        assertEquals(200, res.status());
        assertArrayEquals(plain, res.bytes());
        assertEquals("null", res.header("X-Seen-Encoding"), "the handler sees a plain body");
        assertEquals("null", res.header("X-Seen-Length"), "the compressed length no longer applies");
    }

    @Test
    void decodesJsonForTheJsonHelpers() throws Exception {
        TestResponse res = TestRequest.post("/notes").header("Content-Type", "application/json").header("Content-Encoding", "gzip")
                .body(gzip("{\"text\":\"milk\"}".getBytes(StandardCharsets.UTF_8))).send(DECODING);
        res.assertStatus(200).assertJson("/text", "milk");
    }

    @Test
    void decodesConcatenatedMembers() throws Exception {
        // RFC 1952 §2.2: a gzip file is a series of members.
        byte[] a = gzip("first ".getBytes(StandardCharsets.UTF_8));
        byte[] b = gzip("second".getBytes(StandardCharsets.UTF_8));
        byte[] both = Arrays.copyOf(a, a.length + b.length);
        System.arraycopy(b, 0, both, a.length, b.length);
        assertEquals("first second", post(DECODING, "gzip", both).text());
    }

    @Test
    void acceptsABodyOfExactlyTheLimit() throws Exception {
        byte[] plain = new byte[LIMIT];
        assertEquals(LIMIT, post(DECODING, "gzip", gzip(plain)).bytes().length);
    }

    @Test
    void refusesAZipBombWith413NamingTheLimit() throws Exception {
        // 64 MiB of zeros is about 64 KiB of gzip: a small upload that would inflate far past the limit.
        byte[] bomb = gzip(new byte[64 << 20]);
        assertTrue(bomb.length < 100_000);
        TestResponse res = post(DECODING, "gzip", bomb);
        assertEquals(413, res.status());
        assertEquals("application/problem+json", res.contentType());
        assertTrue(res.text().contains("limit of " + LIMIT + " bytes"), res.text());
    }

    @Test
    void refusesOneByteOverTheLimit() throws Exception {
        assertEquals(413, post(DECODING, "gzip", gzip(new byte[LIMIT + 1])).status());
    }

    @Test
    void refusesDataThatIsNotGzipWith400() throws Exception {
        TestResponse res = post(DECODING, "gzip", "plain text, not gzip".getBytes(StandardCharsets.UTF_8));
        assertEquals(400, res.status());
        assertTrue(res.text().contains("not valid gzip"), res.text());
    }

    @Test
    void refusesATruncatedGzipBodyWith400() throws Exception {
        byte[] whole = gzip("some text that will be cut short".repeat(20).getBytes(StandardCharsets.UTF_8));
        for (int cut : new int[] {1, 5, 10, 20, whole.length - 8, whole.length - 1}) {
            TestResponse res = post(DECODING, "gzip", Arrays.copyOf(whole, cut));
            assertEquals(400, res.status(), "cut at " + cut + ": " + res.text());
        }
    }

    @Test
    void refusesACorruptedCrcWith400() throws Exception {
        byte[] gz = gzip("checksummed".getBytes(StandardCharsets.UTF_8));
        gz[gz.length - 8] ^= 1; // RFC 1952 §2.3.1: CRC32 of the uncompressed data
        assertEquals(400, post(DECODING, "gzip", gz).status());
    }

    @ParameterizedTest
    @ValueSource(strings = {"br", "deflate", "zstd", "compress", "gzip, gzip", "gzip, br", "x-unknown"})
    void refusesOtherCodingsWith415(String encoding) throws Exception {
        TestResponse res = post(DECODING, encoding, "x".getBytes(StandardCharsets.UTF_8));
        assertEquals(415, res.status());
        assertEquals("gzip", res.header("Accept-Encoding"), "RFC 9110 §12.5.3: say which coding would do");
        assertEquals("application/problem+json", res.contentType());
    }

    @Test
    void passesAnIdentityBodyThrough() throws Exception {
        assertEquals("as is", post(DECODING, "identity", "as is".getBytes(StandardCharsets.UTF_8)).text());
        assertEquals("as is", post(DECODING, null, "as is".getBytes(StandardCharsets.UTF_8)).text());
    }

    @Test
    void leavesEncodedBodiesAloneWhenDecodingIsOff() throws Exception {
        byte[] gz = gzip("still compressed".getBytes(StandardCharsets.UTF_8));
        assertArrayEquals(gz, post(PLAIN, "gzip", gz).bytes());
        assertEquals(200, post(PLAIN, "br", new byte[] {1}).status());
    }

    @Test
    void readsNothingBeforeTheHandlerDoes() throws Exception {
        // The body is not touched unless the handler reads it (Expect: 100-continue depends on it).
        App app = App.create().use(Compression.create(CompressionConfig.defaults().withRequestDecoding(LIMIT)))
                .post("/ignore", req -> "ignored");
        TestResponse res = TestRequest.post("/ignore").header("Content-Encoding", "gzip").body("not gzip at all").send(app);
        assertEquals(200, res.status());
        assertNull(res.header("Content-Encoding"));
    }
}
