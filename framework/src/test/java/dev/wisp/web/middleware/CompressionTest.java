package dev.wisp.web.middleware;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.wisp.server.Body;
import dev.wisp.server.Handler;
import dev.wisp.server.Headers;
import dev.wisp.server.Response;
import dev.wisp.web.App;
import dev.wisp.web.testing.TestRequest;
import dev.wisp.web.testing.TestResponse;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import java.util.zip.GZIPInputStream;
import java.util.zip.GZIPOutputStream;
import java.util.zip.Inflater;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** The Compression middleware called directly: no socket, the response inspected as a value. */
@Timeout(value = 10, unit = TimeUnit.SECONDS)
class CompressionTest {
    static final byte[] JSON = json(4000);
    static final Handler COMPRESSED = Compression.create().wrap(req -> Response.bytes(JSON, "application/json")
            .withHeader("ETag", "\"v1\"").withHeader("Accept-Ranges", "bytes"));

    @TempDir
    Path temp;

    static byte[] json(int approximateSize) {
        StringBuilder sb = new StringBuilder("[");
        for (int i = 0; sb.length() < approximateSize; i++) {
            sb.append(i == 0 ? "" : ",").append("{\"id\":").append(i).append(",\"title\":\"Buy milk number ").append(i).append("\"}");
        }
        return sb.append(']').toString().getBytes(StandardCharsets.UTF_8);
    }

    static byte[] gunzip(byte[] gz) throws IOException {
        try (InputStream in = new GZIPInputStream(new ByteArrayInputStream(gz))) {
            return in.readAllBytes();
        }
    }

    static byte[] gzip(byte[] plain) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try (GZIPOutputStream gz = new GZIPOutputStream(out)) {
            gz.write(plain);
        }
        return out.toByteArray();
    }

    static TestResponse get(Handler handler, String acceptEncoding) throws Exception {
        TestRequest r = TestRequest.get("/x");
        if (acceptEncoding != null) {
            r.header("Accept-Encoding", acceptEncoding);
        }
        return r.send(handler);
    }

    // ---- what is compressed, and how

    @Test
    void compressesAcceptedJsonAndTheBytesRoundTrip() throws Exception {
        TestResponse res = get(COMPRESSED, "gzip, deflate, br");
        assertEquals("gzip", res.header("Content-Encoding"));
        assertEquals("Accept-Encoding", res.header("Vary"));
        assertEquals("application/json", res.contentType());
        assertArrayEquals(JSON, gunzip(res.bytes()));
        assertTrue(res.bytes().length < JSON.length / 3, "JSON this repetitive shrinks a lot: " + res.bytes().length);
    }

    @Test
    void suffixesAStrongETagOnlyWhenItCompresses() throws Exception {
        assertEquals("\"v1-gzip\"", get(COMPRESSED, "gzip").header("ETag"));
        TestResponse plain = get(COMPRESSED, "br");
        assertEquals("\"v1\"", plain.header("ETag"));
        assertNull(plain.header("Content-Encoding"));
        assertEquals("Accept-Encoding", plain.header("Vary"), "the identity variant varies too");
        assertArrayEquals(JSON, plain.bytes());
    }

    @Test
    void keepsAWeakETag() throws Exception {
        Handler h = Compression.create().wrap(req -> Response.bytes(JSON, "application/json").withHeader("ETag", "W/\"v1\""));
        assertEquals("W/\"v1\"", get(h, "gzip").header("ETag"));
    }

    @Test
    void dropsAcceptRangesFromACompressedResponse() throws Exception {
        assertNull(get(COMPRESSED, "gzip").header("Accept-Ranges"));
        assertEquals("bytes", get(COMPRESSED, null).header("Accept-Ranges"));
    }

    @Test
    void sendsIdentityWithoutAcceptEncoding() throws Exception {
        TestResponse res = get(COMPRESSED, null);
        assertNull(res.header("Content-Encoding"));
        assertArrayEquals(JSON, res.bytes());
    }

    @ParameterizedTest
    @ValueSource(strings = {"application/json", "application/problem+json", "text/html; charset=utf-8", "TEXT/CSS",
            "text/javascript", "application/javascript", "image/svg+xml", "application/xml", "application/atom+xml", "text/csv"})
    void compressesTheDefaultTypes(String type) throws Exception {
        Handler h = Compression.create().wrap(req -> Response.bytes(JSON, type));
        assertEquals("gzip", get(h, "gzip").header("Content-Encoding"), type);
    }

    @ParameterizedTest
    @ValueSource(strings = {"image/png", "application/octet-stream", "application/zip", "font/woff2", "video/mp4", "json", "text"})
    void leavesOtherTypesAloneWithoutVary(String type) throws Exception {
        Handler h = Compression.create().wrap(req -> Response.bytes(JSON, type));
        TestResponse res = get(h, "gzip");
        assertNull(res.header("Content-Encoding"), type);
        assertNull(res.header("Vary"), type);
    }

    @Test
    void leavesAResponseWithoutContentTypeAlone() throws Exception {
        Handler h = Compression.create().wrap(req -> new Response(200, Headers.empty(), new Body.Bytes(JSON)));
        assertNull(get(h, "gzip").header("Content-Encoding"));
    }

    @Test
    void honoursConfiguredTypes() throws Exception {
        Compression c = Compression.create(CompressionConfig.defaults().withTypes("application/x-ndjson"));
        assertEquals("gzip", get(c.wrap(req -> Response.bytes(JSON, "application/x-ndjson")), "gzip").header("Content-Encoding"));
        assertNull(get(c.wrap(req -> Response.bytes(JSON, "application/json")), "gzip").header("Content-Encoding"));
    }

    @Test
    void sendsBodiesBelowTheThresholdAsIs() throws Exception {
        byte[] small = json(900);
        assertTrue(small.length < 1024);
        Handler h = Compression.create().wrap(req -> Response.bytes(small, "application/json"));
        TestResponse res = get(h, "gzip");
        assertNull(res.header("Content-Encoding"));
        assertEquals("Accept-Encoding", res.header("Vary"));
        Handler exactly = Compression.create().wrap(req -> Response.bytes(new byte[1024], "text/plain"));
        assertEquals("gzip", get(exactly, "gzip").header("Content-Encoding"), "the threshold is inclusive");
        Handler lower = Compression.create(CompressionConfig.defaults().withMinSizeBytes(10)).wrap(req -> Response.text("ab".repeat(50)));
        assertEquals("gzip", get(lower, "gzip").header("Content-Encoding"));
    }

    @Test
    void sendsIncompressibleBytesAsIs() throws Exception {
        byte[] random = new byte[4096];
        new java.util.Random(1).nextBytes(random);
        Handler h = Compression.create().wrap(req -> Response.bytes(random, "text/plain"));
        TestResponse res = get(h, "gzip");
        assertNull(res.header("Content-Encoding"), "gzip of random bytes is larger");
        assertArrayEquals(random, res.bytes());
    }

    @Test
    void compressesAStreamOfUnknownLengthOnTheFly() throws Exception {
        Handler h = Compression.create().wrap(req -> Response.stream("text/plain", out -> {
            for (int i = 0; i < 1000; i++) {
                out.write(("line " + i + "\n").getBytes(StandardCharsets.US_ASCII));
            }
        }));
        TestResponse res = get(h, "gzip");
        assertEquals("gzip", res.header("Content-Encoding"));
        assertInstanceOf(Body.Stream.class, res.response().body());
        StringBuilder expected = new StringBuilder();
        for (int i = 0; i < 1000; i++) {
            expected.append("line ").append(i).append('\n');
        }
        assertEquals(expected.toString(), new String(gunzip(res.bytes()), StandardCharsets.US_ASCII));
    }

    @Test
    void aTinyStreamIsCompressedTooSinceItsLengthIsUnknown() throws Exception {
        Handler h = Compression.create().wrap(req -> Response.stream("text/plain", out -> out.write('x')));
        TestResponse res = get(h, "gzip");
        assertEquals("gzip", res.header("Content-Encoding"));
        assertEquals("x", new String(gunzip(res.bytes()), StandardCharsets.US_ASCII));
    }

    @Test
    void aWriterThatClosesItsStreamStillProducesValidGzip() throws Exception {
        Handler h = Compression.create().wrap(req -> Response.stream("text/plain", out -> {
            out.write("closed early".getBytes(StandardCharsets.US_ASCII));
            out.close();
        }));
        assertEquals("closed early", new String(gunzip(get(h, "gzip").bytes()), StandardCharsets.US_ASCII));
    }

    @Test
    void aFailingWriterGetsNoGzipTrailer() throws Exception {
        Handler h = Compression.create().wrap(req -> Response.stream("text/plain", out -> {
            out.write("partial".getBytes(StandardCharsets.US_ASCII));
            throw new IOException("database went away");
        }));
        Body.Stream body = (Body.Stream) get(h, "gzip").response().body();
        ByteArrayOutputStream sink = new ByteArrayOutputStream();
        assertThrows(IOException.class, () -> body.writer().writeTo(sink));
        assertThrows(IOException.class, () -> gunzip(sink.toByteArray()), "a truncated body must not decode as complete");
    }

    @Test
    void compressesAFileBodyAsAStream() throws Exception {
        byte[] css = ("body { color: red; }\n".repeat(200)).getBytes(StandardCharsets.US_ASCII);
        Path file = Files.write(temp.resolve("app.css"), css);
        Handler h = Compression.create().wrap(req -> new Response(200, Headers.of("Content-Type", "text/css"),
                new Body.File(file, 21, css.length - 42)));
        TestResponse res = get(h, "gzip");
        assertEquals("gzip", res.header("Content-Encoding"));
        assertArrayEquals(java.util.Arrays.copyOfRange(css, 21, css.length - 21), gunzip(res.bytes()));
    }

    @Test
    void flushesEachServerSentEventDecodably() throws Exception {
        // text/event-stream is compressed only because flush() is a deflate SYNC_FLUSH: after each
        // flush the client can decode every event sent so far, without the stream having ended.
        ByteArrayOutputStream wire = new ByteArrayOutputStream();
        int[] decodableAfterFlush = new int[2];
        Handler h = Compression.create().wrap(req -> Response.stream("text/event-stream", out -> {
            out.write("data: first\n\n".getBytes(StandardCharsets.UTF_8));
            out.flush();
            decodableAfterFlush[0] = inflatePrefix(wire.toByteArray()).indexOf("data: first\n\n") >= 0 ? 1 : 0;
            out.write("data: second\n\n".getBytes(StandardCharsets.UTF_8));
            out.flush();
            decodableAfterFlush[1] = inflatePrefix(wire.toByteArray()).endsWith("data: first\n\ndata: second\n\n") ? 1 : 0;
        }));
        TestResponse res = get(h, "gzip");
        assertEquals("gzip", res.header("Content-Encoding"));
        ((Body.Stream) res.response().body()).writer().writeTo(wire);
        assertArrayEquals(new int[] {1, 1}, decodableAfterFlush);
        assertEquals("data: first\n\ndata: second\n\n", new String(gunzip(wire.toByteArray()), StandardCharsets.UTF_8));
    }

    /** What a client can decode from the bytes received so far: skip the 10-byte gzip header, inflate raw. */
    static String inflatePrefix(byte[] received) throws IOException {
        Inflater inflater = new Inflater(true);
        try {
            inflater.setInput(received, 10, received.length - 10);
            byte[] out = new byte[1 << 16];
            int n;
            try {
                n = inflater.inflate(out);
            } catch (java.util.zip.DataFormatException e) {
                throw new IOException(e);
            }
            return new String(out, 0, n, StandardCharsets.UTF_8);
        } finally {
            inflater.end();
        }
    }

    @Test
    void usesTheConfiguredLevel() throws Exception {
        // Words drawn at random from a small vocabulary: level 1's quick matching leaves a lot on the table.
        java.util.Random random = new java.util.Random(42);
        String[] words = {"milk", "bread", "eggs", "butter", "cheese", "apples", "coffee", "tea", "rice", "beans"};
        StringBuilder text = new StringBuilder();
        for (int i = 0; i < 3000; i++) {
            text.append(words[random.nextInt(words.length)]).append(random.nextInt(100)).append(' ');
        }
        byte[] plain = text.toString().getBytes(StandardCharsets.US_ASCII);
        Handler fast = Compression.create(CompressionConfig.defaults().withLevel(1)).wrap(req -> Response.bytes(plain, "text/plain"));
        Handler small = Compression.create(CompressionConfig.defaults().withLevel(6)).wrap(req -> Response.bytes(plain, "text/plain"));
        byte[] a = get(fast, "gzip").bytes();
        byte[] b = get(small, "gzip").bytes();
        assertArrayEquals(plain, gunzip(a));
        assertArrayEquals(plain, gunzip(b));
        assertTrue(b.length < a.length * 0.9, "level 6 is clearly smaller than level 1: " + b.length + " vs " + a.length);
    }

    // ---- what is never touched

    @ParameterizedTest
    @ValueSource(ints = {204, 206, 304})
    void neverTouchesTheseStatuses(int status) throws Exception {
        Handler h = Compression.create().wrap(req -> Response.bytes(JSON, "application/json").withStatus(status).withHeader("ETag", "\"v1\""));
        TestResponse res = get(h, "gzip");
        assertNull(res.header("Content-Encoding"));
        assertNull(res.header("Vary"));
        assertEquals("\"v1\"", res.header("ETag"));
    }

    @Test
    void neverTouchesAnEncodedResponse() throws Exception {
        Handler h = Compression.create().wrap(req -> Response.bytes(JSON, "application/json").withHeader("Content-Encoding", "br"));
        TestResponse res = get(h, "gzip");
        assertEquals("br", res.header("Content-Encoding"));
        assertArrayEquals(JSON, res.bytes());
    }

    @Test
    void respectsNoTransform() throws Exception {
        Handler h = Compression.create().wrap(req -> Response.bytes(JSON, "application/json").withHeader("Cache-Control", "max-age=60, no-transform"));
        assertNull(get(h, "gzip").header("Content-Encoding"));
    }

    @Test
    void leavesEmptyBodiesAlone() throws Exception {
        Handler h = Compression.create().wrap(req -> Response.bytes(new byte[0], "application/json"));
        assertNull(get(h, "gzip").header("Content-Encoding"));
        assertNull(get(h, "identity;q=0").header("Content-Encoding"));
    }

    @Test
    void addsVaryOnceAndKeepsOtherVaryValues() throws Exception {
        Handler h = Compression.create().wrap(req -> Response.bytes(JSON, "application/json").withHeader("Vary", "Origin"));
        assertEquals(java.util.List.of("Origin", "Accept-Encoding"), get(h, "gzip").headers().all("Vary"));
        Handler twice = Compression.create().wrap(req -> Response.bytes(JSON, "application/json").withHeader("Vary", "accept-encoding"));
        assertEquals(1, get(twice, "gzip").headers().count("Vary"));
    }

    // ---- HEAD

    @Test
    void headGetsTheHeadersOfGet() throws Exception {
        App app = App.create().use(Compression.create())
                .get("/bytes", req -> Response.bytes(JSON, "application/json").withHeader("ETag", "\"v1\""))
                .get("/stream", req -> Response.stream("text/plain", out -> out.write(JSON)));
        for (String path : new String[] {"/bytes", "/stream"}) {
            for (String accept : new String[] {"gzip", "br", "identity;q=0"}) {
                TestResponse get = TestRequest.get(path).header("Accept-Encoding", accept).send(app);
                TestResponse head = TestRequest.head(path).header("Accept-Encoding", accept).send(app);
                assertEquals(get.headers(), head.headers(), path + " with " + accept);
                assertEquals(get.response().body().length(), head.response().body().length(), "same Content-Length");
                assertEquals(0, head.bytes().length);
            }
        }
    }

    @Test
    void headNeverRunsTheStream() throws Exception {
        boolean[] ran = {false};
        Handler h = Compression.create().wrap(req -> Response.stream("text/plain", out -> ran[0] = true));
        TestResponse res = TestRequest.head("/x").header("Accept-Encoding", "gzip").send(h);
        assertEquals("gzip", res.header("Content-Encoding"));
        assertEquals(false, ran[0]);
    }

    @Test
    void headWithADeclaredLengthDropsItWhenCompressing() throws Exception {
        Handler h = Compression.create().wrap(req -> Response.status(200).withHeader("Content-Type", "application/json")
                .withHeader("Content-Length", "5000"));
        TestResponse res = TestRequest.head("/x").header("Accept-Encoding", "gzip").send(h);
        assertEquals("gzip", res.header("Content-Encoding"));
        assertNull(res.header("Content-Length"), "the compressed length is unknown without compressing");
    }

    // ---- nothing acceptable

    @Test
    void compressesAnyTypeAndSizeWhenIdentityIsRefused() throws Exception {
        Handler h = Compression.create().wrap(req -> Response.bytes(new byte[] {1, 2, 3}, "image/png"));
        TestResponse res = get(h, "gzip, identity;q=0");
        assertEquals("gzip", res.header("Content-Encoding"));
        assertArrayEquals(new byte[] {1, 2, 3}, gunzip(res.bytes()), "sent compressed even though it grew");
    }

    @ParameterizedTest
    @ValueSource(strings = {"identity;q=0", "*;q=0", "br, *;q=0", "gzip;q=0, identity;q=0"})
    void answers406WhenNothingIsAcceptable(String accept) throws Exception {
        TestResponse res = get(COMPRESSED, accept);
        assertEquals(406, res.status());
        assertEquals("application/problem+json", res.contentType());
        assertEquals("Accept-Encoding", res.header("Vary"));
        assertTrue(res.text().contains("Accept-Encoding"), res.text());
    }

    @Test
    void doesNotHideAnErrorBehindA406() throws Exception {
        Handler h = Compression.create().wrap(req -> Response.text(404, "no such todo"));
        assertEquals(404, get(h, "identity;q=0").status());
    }

    // ---- 304 after a compressed 200

    @Test
    void aNotModifiedAnswerCarriesTheSuffixedTagTheClientHolds() throws Exception {
        App app = App.create().use(Compression.create()).get("/todo", req ->
                Conditional.check(req.request(), ETag.of(3)).orElseGet(() ->
                        Response.bytes(JSON, "application/json").withHeader("ETag", ETag.of(3).toString())));
        TestResponse first = TestRequest.get("/todo").header("Accept-Encoding", "gzip").send(app);
        assertEquals("\"3-gzip\"", first.header("ETag"));
        TestResponse again = TestRequest.get("/todo").header("Accept-Encoding", "gzip").header("If-None-Match", first.header("ETag")).send(app);
        assertEquals(304, again.status());
        assertEquals("\"3-gzip\"", again.header("ETag"));
        assertEquals("Accept-Encoding", again.header("Vary"));
        TestResponse identity = TestRequest.get("/todo").header("If-None-Match", "\"3\"").send(app);
        assertEquals(304, identity.status());
        assertEquals("\"3\"", identity.header("ETag"));
    }

    // ---- configuration

    @Test
    void checksItsConfiguration() {
        CompressionConfig d = CompressionConfig.defaults();
        assertEquals(1024, d.minSizeBytes());
        assertEquals(6, d.level());
        assertEquals(false, d.decodeRequests());
        assertEquals(10L * 1024 * 1024, d.maxDecodedRequestBytes());
        assertThrows(IllegalArgumentException.class, () -> d.withLevel(0));
        assertThrows(IllegalArgumentException.class, () -> d.withLevel(10));
        assertThrows(IllegalArgumentException.class, () -> d.withMinSizeBytes(-1));
        assertThrows(IllegalArgumentException.class, () -> d.withRequestDecoding(0));
        for (String bad : new String[] {"json", "text/", "/json", "text/*; q=1", "*/json", "a/b/c", "te*t/plain", "*/*+"}) {
            IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> d.withTypes(bad), bad);
            assertTrue(e.getMessage().contains(bad), e.getMessage());
        }
    }
}
