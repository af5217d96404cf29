package dev.wisp.web.middleware;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.wisp.server.Body;
import dev.wisp.web.App;
import dev.wisp.web.testing.TestRequest;
import dev.wisp.web.testing.TestResponse;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

@Timeout(value = 10, unit = TimeUnit.SECONDS)
class StaticFilesTest {
    @TempDir
    Path temp;
    Path root;
    byte[] data;
    StaticFiles files;

    @BeforeEach
    void files() throws IOException {
        root = Files.createDirectories(temp.resolve("site"));
        Files.writeString(root.resolve("index.html"), "<h1>home</h1>");
        Files.writeString(root.resolve("app.css"), "body{}");
        data = new byte[1000];
        for (int i = 0; i < data.length; i++) {
            data[i] = (byte) i;
        }
        Files.write(root.resolve("data.bin"), data);
        Files.createDirectories(root.resolve("docs"));
        Files.writeString(root.resolve("docs/index.html"), "<h1>docs</h1>");
        Files.createDirectories(root.resolve("empty"));
        Files.writeString(root.resolve(".env"), "SECRET=1");
        Path outside = Files.createDirectories(temp.resolve("outside"));
        Files.writeString(outside.resolve("secret.txt"), "top secret");
        Files.createSymbolicLink(root.resolve("link.txt"), outside.resolve("secret.txt"));
        Files.createSymbolicLink(root.resolve("linkdir"), outside);
        Files.createSymbolicLink(root.resolve("inside.css"), root.resolve("app.css"));
        files = StaticFiles.directory(root);
    }

    private TestResponse get(String target, String... headers) throws Exception {
        TestRequest request = TestRequest.get(target);
        for (int i = 0; i < headers.length; i += 2) {
            request.header(headers[i], headers[i + 1]);
        }
        return request.send(files);
    }

    @Test
    void servesAFileWithContentTypeAndValidators() throws Exception {
        TestResponse res = get("/app.css").assertStatus(200)
                .assertHeader("Content-Type", "text/css; charset=utf-8")
                .assertHeader("X-Content-Type-Options", "nosniff")
                .assertHeader("Accept-Ranges", "bytes")
                .assertBody("body{}");
        assertInstanceOf(Body.File.class, res.response().body(), "files go out zero-copy");
        String etag = res.header("ETag");
        assertEquals('"', etag.charAt(0));
        assertEquals(HttpDates.format(Files.getLastModifiedTime(root.resolve("app.css")).toMillis()), res.header("Last-Modified"));
        get("/data.bin").assertHeader("Content-Type", "application/octet-stream");
    }

    @Test
    void ifNoneMatchGives304() throws Exception {
        String etag = get("/app.css").header("ETag");
        get("/app.css", "If-None-Match", etag).assertStatus(304).assertHeader("ETag", etag).assertBody("");
        get("/app.css", "If-None-Match", "W/" + etag).assertStatus(304);
        get("/app.css", "If-None-Match", "\"x\", " + etag).assertStatus(304);
        get("/app.css", "If-None-Match", "*").assertStatus(304);
        get("/app.css", "If-None-Match", "\"other\"").assertStatus(200);
    }

    @Test
    void ifModifiedSinceGives304UnlessChangedSince() throws Exception {
        String lastModified = get("/app.css").header("Last-Modified");
        get("/app.css", "If-Modified-Since", lastModified).assertStatus(304).assertHeader("Last-Modified", lastModified);
        get("/app.css", "If-Modified-Since", "Sun, 06 Nov 1994 08:49:37 GMT").assertStatus(200);
        get("/app.css", "If-Modified-Since", "Sunday, 06-Nov-94 08:49:37 GMT").assertStatus(200);
        get("/app.css", "If-Modified-Since", "not a date").assertStatus(200);
        // If-None-Match wins over If-Modified-Since (RFC 9110 §13.2.2).
        get("/app.css", "If-None-Match", "\"other\"", "If-Modified-Since", lastModified).assertStatus(200);
    }

    @Test
    void singleRangeGives206() throws Exception {
        TestResponse res = get("/data.bin", "Range", "bytes=10-19").assertStatus(206)
                .assertHeader("Content-Range", "bytes 10-19/1000");
        assertArrayEquals(Arrays.copyOfRange(data, 10, 20), res.bytes());
        Body.File body = (Body.File) res.response().body();
        assertEquals(10, body.offset());
        assertEquals(10, body.length());
        assertArrayEquals(Arrays.copyOfRange(data, 990, 1000),
                get("/data.bin", "Range", "bytes=-10").assertStatus(206).assertHeader("Content-Range", "bytes 990-999/1000").bytes());
        get("/data.bin", "Range", "bytes=995-").assertStatus(206).assertHeader("Content-Range", "bytes 995-999/1000");
        get("/data.bin", "Range", "bytes=995-5000").assertStatus(206).assertHeader("Content-Range", "bytes 995-999/1000");
    }

    @Test
    void unsatisfiableRangeGives416() throws Exception {
        get("/data.bin", "Range", "bytes=1000-").assertStatus(416).assertHeader("Content-Range", "bytes */1000");
        get("/data.bin", "Range", "bytes=-0").assertStatus(416);
    }

    @Test
    void rangesThatCannotBeHonouredSendTheWholeFile() throws Exception {
        get("/data.bin", "Range", "bytes=0-1,5-6").assertStatus(200);
        get("/data.bin", "Range", "bytes=9-3").assertStatus(200);
        get("/data.bin", "Range", "items=0-1").assertStatus(200);
        String etag = get("/data.bin").header("ETag");
        get("/data.bin", "Range", "bytes=0-1", "If-Range", etag).assertStatus(206);
        get("/data.bin", "Range", "bytes=0-1", "If-Range", "\"stale\"").assertStatus(200);
        get("/data.bin", "Range", "bytes=0-1", "If-Range", "W/" + etag).assertStatus(200);
    }

    @Test
    void directoriesServeTheirIndexAndRedirectToAddTheSlash() throws Exception {
        get("/").assertStatus(200).assertBody("<h1>home</h1>").assertHeader("Content-Type", "text/html; charset=utf-8");
        get("/docs/").assertStatus(200).assertBody("<h1>docs</h1>");
        get("/docs?v=1").assertStatus(301).assertHeader("Location", "docs/?v=1");
        get("/empty/").assertStatus(404);
        get("/app.css/").assertStatus(404);
    }

    @ParameterizedTest
    @ValueSource(strings = {
            "/../outside/secret.txt",
            "/%2e%2e/outside/secret.txt",
            "/%2E%2E%2Foutside%2Fsecret.txt",
            "/docs/..%2F..%2Foutside/secret.txt",
            "/..%5Coutside%5Csecret.txt",
            "/docs\\..\\..\\outside\\secret.txt",
            "/docs/%5C..%5C..%5Coutside%5Csecret.txt",
            "/./app.css",
            "//etc/passwd",
            "/link.txt",
            "/linkdir/secret.txt",
            "/.env",
            "/%2eenv",
            "/app.css%00",
            "/c:%5Cwindows",
            "/%ZZ",
    })
    void nothingOutsideTheRootIsEverServed(String rawPath) throws Exception {
        // Built around the raw path directly: the server would already refuse some of these
        // (%00, %ZZ) with 400, but the static files must hold without relying on that.
        var request = TestRequest.get("/probe").build().withPath(rawPath, rawPath);
        TestResponse res = TestResponse.of(files.handle(request)).assertStatus(404);
        assertEquals(-1, res.text().indexOf("top secret"), res.text());
        assertEquals(-1, res.text().indexOf("SECRET=1"), res.text());
    }

    @Test
    void segmentCheckRejectsDotSegmentsSeparatorsAndHiddenNamesOnItsOwn() {
        // The first of the two locks, tested alone: the real-path check behind it would also stop '..'.
        assertEquals(java.util.List.of("a", "b"), StaticFiles.segments("/a/b/"));
        assertEquals(java.util.List.of("a b"), StaticFiles.segments("/a%20b"));
        for (String raw : new String[] {"/%2e%2e/x", "/a/..", "/a/.", "/a%2Fb", "/a%5Cb", "/a\\b", "/c:", "/a//b",
                "/.git/config", "/a%00", "/%zz", "/a%0Ab", "no-slash"}) {
            assertEquals(null, StaticFiles.segments(raw), raw);
        }
    }

    @Test
    void symlinksInsideTheRootAreFollowed() throws Exception {
        get("/inside.css").assertStatus(200).assertBody("body{}");
    }

    @Test
    void headGivesTheHeadersWithoutABody() throws Exception {
        TestResponse res = TestRequest.head("/app.css").send(files).assertStatus(200).assertBody("");
        assertEquals(6, res.response().body().length(), "the server needs the length for Content-Length");
    }

    @Test
    void otherMethodsAre405WhenMountedAndFallThroughAsMiddleware() throws Exception {
        TestRequest.post("/app.css").send(files).assertStatus(405).assertHeader("Allow", "GET, HEAD");
        App app = App.create().use(files).post("/app.css", req -> "posted").get("/api", req -> "api");
        TestRequest.post("/app.css").send(app).assertBody("posted");
        TestRequest.get("/app.css").send(app).assertBody("body{}");
        TestRequest.get("/api").send(app).assertBody("api");
        TestRequest.get("/nope").send(app).assertStatus(404).assertContentType("application/problem+json");
    }

    @Test
    void mountedUnderAPrefix() throws Exception {
        App app = App.create().mount("/assets", files.withCacheControl("public, max-age=60"));
        TestRequest.get("/assets/app.css").send(app).assertStatus(200).assertHeader("Cache-Control", "public, max-age=60");
        TestRequest.get("/assets/docs").send(app).assertStatus(301).assertHeader("Location", "docs/");
        TestRequest.get("/assets").send(app).assertStatus(200).assertBody("<h1>home</h1>");
        TestRequest.get("/assets/%2e%2e/outside/secret.txt").send(app).assertStatus(404);
    }

    @Test
    void servesFromTheClasspath() throws Exception {
        StaticFiles cp = StaticFiles.classpath("public");
        TestRequest.get("/css/site.css").send(cp).assertStatus(200)
                .assertHeader("Content-Type", "text/css; charset=utf-8").assertBody("body { color: teal; }\n");
        TestRequest.get("/").send(cp).assertStatus(200).assertBodyContains("Home");
        TestRequest.get("/css").send(cp).assertStatus(404);
        TestRequest.get("/../dev/wisp/web/App.class").send(cp).assertStatus(404);
        TestRequest.get("/%2e%2e/dev/wisp/web/App.class").send(cp).assertStatus(404);
        assertThrows(IllegalArgumentException.class, () -> StaticFiles.classpath("/"));
    }

    @Test
    void servesFromAJarOnTheClasspath() throws Exception {
        Path jar = temp.resolve("assets.jar");
        try (var out = new java.util.jar.JarOutputStream(Files.newOutputStream(jar))) {
            for (String[] entry : new String[][] {{"web/", null}, {"web/a.txt", "hello from a jar"},
                    {"web/guide/", null}, {"web/guide/index.html", "<h1>guide</h1>"}}) {
                out.putNextEntry(new java.util.jar.JarEntry(entry[0]));
                if (entry[1] != null) {
                    out.write(entry[1].getBytes(StandardCharsets.UTF_8));
                }
                out.closeEntry();
            }
        }
        try (var loader = new java.net.URLClassLoader(new java.net.URL[] {jar.toUri().toURL()}, null)) {
            StaticFiles cp = StaticFiles.classpath("web", loader);
            TestResponse a = TestRequest.get("/a.txt").send(cp).assertStatus(200).assertBody("hello from a jar");
            TestRequest.get("/a.txt").header("If-None-Match", a.header("ETag")).send(cp).assertStatus(304);
            TestRequest.get("/a.txt").header("Range", "bytes=6-9").send(cp).assertStatus(206).assertBody("from");
            TestRequest.get("/guide").send(cp).assertStatus(301).assertHeader("Location", "guide/");
            TestRequest.get("/guide/").send(cp).assertStatus(200).assertBody("<h1>guide</h1>");
            TestRequest.get("/nope.txt").send(cp).assertStatus(404);
        }
    }

    @Test
    void rejectsARootThatIsNotADirectory() {
        assertThrows(java.io.UncheckedIOException.class, () -> StaticFiles.directory(temp.resolve("missing")));
        assertThrows(IllegalArgumentException.class, () -> StaticFiles.directory(root.resolve("app.css")));
    }

    @Test
    void treatsPathsTheFileSystemRejectsAsMissingNot500() throws Exception {
        // ENOTDIR (a file used as a directory) and ENAMETOOLONG surface as FileSystemExceptions.
        assertEquals(404, get("/app.css/x").status());
        assertEquals(404, get("/" + "a".repeat(300)).status());
        assertEquals(404, get("/docs/" + "b".repeat(300) + "/c").status());
        App app = App.create().use(files).get("/app.css/x", req -> "route");
        TestRequest.get("/app.css/x").send(app).assertStatus(200).assertBody("route");
    }
}
