package dev.wisp.web.middleware;

import static dev.wisp.web.middleware.CompressionTest.gunzip;
import static dev.wisp.web.middleware.CompressionTest.gzip;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import dev.wisp.server.Handler;
import dev.wisp.web.testing.TestRequest;
import dev.wisp.web.testing.TestResponse;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.time.Instant;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/** StaticFiles with a precompressed app.js.gz next to app.js, and the preconditions it shares with Conditional. */
@Timeout(value = 10, unit = TimeUnit.SECONDS)
class StaticFilesPrecompressedTest {
    @TempDir
    Path root;
    byte[] js;
    byte[] jsGz;
    StaticFiles files;

    @BeforeEach
    void files() throws IOException {
        js = "console.log('hello');\n".repeat(100).getBytes(StandardCharsets.UTF_8);
        jsGz = gzip(js);
        Path file = Files.write(root.resolve("app.js"), js);
        Path gz = Files.write(root.resolve("app.js.gz"), jsGz);
        Instant t = Instant.parse("2026-11-30T10:00:00Z");
        Files.setLastModifiedTime(file, FileTime.from(t));
        Files.setLastModifiedTime(gz, FileTime.from(t.plusSeconds(1)));
        Files.writeString(root.resolve("plain.css"), "body{}");
        files = StaticFiles.directory(root);
    }

    private TestResponse get(Handler h, String target, String... headers) throws Exception {
        TestRequest r = TestRequest.get(target);
        for (int i = 0; i < headers.length; i += 2) {
            r.header(headers[i], headers[i + 1]);
        }
        return r.send(h);
    }

    @Test
    void servesTheGzSiblingToAClientThatAcceptsGzip() throws Exception {
        TestResponse plain = get(files, "/app.js");
        TestResponse res = get(files, "/app.js", "Accept-Encoding", "gzip, br");
        assertEquals(200, res.status());
        assertEquals("gzip", res.header("Content-Encoding"));
        assertEquals("text/javascript; charset=utf-8", res.contentType(), "the type of app.js, not of a .gz");
        assertEquals("Accept-Encoding", res.header("Vary"));
        assertArrayEquals(jsGz, res.bytes(), "the file's own bytes, not compressed again");
        assertArrayEquals(js, gunzip(res.bytes()));
        assertEquals(EntityTags.suffixed(plain.header("ETag")), res.header("ETag"));
        assertEquals(plain.header("Last-Modified"), res.header("Last-Modified"));
    }

    @Test
    void servesTheFileToOtherClientsWithVary() throws Exception {
        for (String accept : new String[] {null, "br", "gzip;q=0", "gzip;q=0.5, identity"}) {
            TestResponse res = accept == null ? get(files, "/app.js") : get(files, "/app.js", "Accept-Encoding", accept);
            assertNull(res.header("Content-Encoding"), accept);
            assertEquals("Accept-Encoding", res.header("Vary"), accept);
            assertArrayEquals(js, res.bytes(), accept);
        }
    }

    @Test
    void noSiblingMeansNoVary() throws Exception {
        TestResponse res = get(files, "/plain.css", "Accept-Encoding", "gzip");
        assertNull(res.header("Content-Encoding"));
        assertNull(res.header("Vary"));
    }

    @Test
    void ignoresAStaleSibling() throws Exception {
        Files.setLastModifiedTime(root.resolve("app.js.gz"), FileTime.from(Instant.parse("2026-11-29T10:00:00Z")));
        TestResponse res = get(files, "/app.js", "Accept-Encoding", "gzip");
        assertNull(res.header("Content-Encoding"));
        assertArrayEquals(js, res.bytes());
    }

    @Test
    void canBeTurnedOff() throws Exception {
        TestResponse res = get(files.withPrecompressed(false), "/app.js", "Accept-Encoding", "gzip");
        assertNull(res.header("Content-Encoding"));
        assertNull(res.header("Vary"));
    }

    @Test
    void ignoresASiblingThatIsADirectoryOrALinkOutOfTheRoot(@TempDir Path outside) throws Exception {
        Files.writeString(root.resolve("dir.js"), "x".repeat(2000));
        Files.createDirectory(root.resolve("dir.js.gz"));
        assertNull(get(files, "/dir.js", "Accept-Encoding", "gzip").header("Content-Encoding"));
        Files.writeString(root.resolve("link.js"), "y".repeat(2000));
        Files.write(outside.resolve("secret.gz"), gzip("secret".getBytes(StandardCharsets.UTF_8)));
        Files.createSymbolicLink(root.resolve("link.js.gz"), outside.resolve("secret.gz"));
        TestResponse res = get(files, "/link.js", "Accept-Encoding", "gzip");
        assertNull(res.header("Content-Encoding"));
        assertEquals("y".repeat(2000), res.text());
    }

    @Test
    void revalidatesEitherVariant() throws Exception {
        String gzTag = get(files, "/app.js", "Accept-Encoding", "gzip").header("ETag");
        TestResponse again = get(files, "/app.js", "Accept-Encoding", "gzip", "If-None-Match", gzTag);
        assertEquals(304, again.status());
        assertEquals(gzTag, again.header("ETag"));
        assertEquals("Accept-Encoding", again.header("Vary"));
        String plainTag = get(files, "/app.js").header("ETag");
        assertEquals(304, get(files, "/app.js", "If-None-Match", plainTag).status());
        assertEquals(304, get(files, "/app.js", "If-None-Match", gzTag).status(), "the suffixed tag names the same file");
        assertEquals(200, get(files, "/app.js", "Accept-Encoding", "gzip", "If-None-Match", plainTag).status(),
                "a client holding the plain bytes gets the gzip variant in full");
    }

    @Test
    void appliesRangesToTheBytesSent() throws Exception {
        TestResponse res = get(files, "/app.js", "Accept-Encoding", "gzip", "Range", "bytes=0-9");
        assertEquals(206, res.status());
        assertEquals("gzip", res.header("Content-Encoding"));
        assertArrayEquals(java.util.Arrays.copyOf(jsGz, 10), res.bytes());
        assertEquals("bytes 0-9/" + jsGz.length, res.header("Content-Range"));
    }

    @Test
    void failsIfMatchWith412LikeConditional() throws Exception {
        TestResponse res = get(files, "/app.js", "If-Match", "\"not-it\"");
        assertEquals(412, res.status());
        assertEquals("application/problem+json", res.contentType());
        String tag = get(files, "/app.js").header("ETag");
        assertEquals(200, get(files, "/app.js", "If-Match", tag).status());
        assertEquals(412, get(files, "/app.js", "If-Unmodified-Since", "Sun, 29 Nov 2026 10:00:00 GMT").status());
    }

    @Test
    void withCompressionInFrontTheOnTheFlyAndPrecompressedTagsAgree() throws Exception {
        Files.write(root.resolve("other.js"), js); // no sibling: Compression compresses it
        Handler app = Compression.create().wrap(files);
        TestResponse fly = get(app, "/other.js", "Accept-Encoding", "gzip");
        assertEquals("gzip", fly.header("Content-Encoding"));
        assertArrayEquals(js, gunzip(fly.bytes()));
        String plainTag = get(files, "/other.js").header("ETag");
        assertEquals(EntityTags.suffixed(plainTag), fly.header("ETag"));
        TestResponse pre = get(app, "/app.js", "Accept-Encoding", "gzip");
        assertArrayEquals(jsGz, pre.bytes(), "Compression leaves an encoded response alone");
        assertEquals(1, pre.headers().count("Vary"));
        assertEquals(304, get(app, "/other.js", "Accept-Encoding", "gzip", "If-None-Match", fly.header("ETag")).status());
    }
}
