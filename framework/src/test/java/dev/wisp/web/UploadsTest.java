package dev.wisp.web;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.wisp.server.Response;
import dev.wisp.web.multipart.MultipartLimits;
import dev.wisp.web.multipart.MultipartReader;
import dev.wisp.web.multipart.Part;
import dev.wisp.web.multipart.UploadedFile;
import dev.wisp.web.problem.BadRequestException;
import dev.wisp.web.testing.TestRequest;
import dev.wisp.web.testing.TestResponse;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/** Uploads through the route helpers, with no socket: form(), files(), multipart() and temp-file cleanup. */
@Timeout(value = 10, unit = TimeUnit.SECONDS)
class UploadsTest {
    static final String TYPE = "multipart/form-data; boundary=b0undary";

    @TempDir
    Path spool;

    /** A multipart body: name, filename-or-null, content, repeated. */
    static String multipart(String... triples) {
        StringBuilder sb = new StringBuilder();
        for (int i = 0; i < triples.length; i += 3) {
            sb.append("--b0undary\r\nContent-Disposition: form-data; name=\"").append(triples[i]).append('"');
            if (triples[i + 1] != null) {
                sb.append("; filename=\"").append(triples[i + 1]).append("\"\r\nContent-Type: text/plain");
            }
            sb.append("\r\n\r\n").append(triples[i + 2]).append("\r\n");
        }
        return sb.append("--b0undary--\r\n").toString();
    }

    static TestRequest upload(String path, String body) {
        return TestRequest.post(path).header("Content-Type", TYPE).body(body);
    }

    private App app(RouteHandler handler) {
        // A threshold of 8 bytes puts every file but the smallest on disk.
        return App.create().multipartLimits(MultipartLimits.defaults().withTempDirectory(spool).withMemoryThresholdBytes(8))
                .post("/up", handler);
    }

    private List<Path> spooled() throws IOException {
        try (Stream<Path> files = Files.list(spool)) {
            return files.toList();
        }
    }

    @Test
    void formReadsUrlEncodedAndMultipartFieldsAlike() throws Exception {
        App app = app(req -> req.form().get("title") + "|" + req.form().all("tag") + "|" + req.files().size());
        TestRequest.post("/up").form("title=Buy+milk&tag=a&tag=b").send(app).assertStatus(200).assertBody("Buy milk|[a, b]|0");
        upload("/up", multipart("title", null, "Buy milk", "tag", null, "a", "tag", null, "b"))
                .send(app).assertStatus(200).assertBody("Buy milk|[a, b]|0");
    }

    @Test
    void filesAreSpooledAndDeletedWhenTheResponseIsDone() throws Exception {
        App app = app(req -> {
            UploadedFile big = req.file("doc");
            UploadedFile small = req.file("note");
            assertFalse(big.inMemory());
            assertTrue(small.inMemory());
            assertEquals(1, spooled().size(), "the large file is on disk while the handler runs");
            assertTrue(spooled().getFirst().getFileName().toString().startsWith("wisp-upload-"), "named by the framework");
            return big.safeFilename() + ":" + big.size() + ":" + new String(big.bytes(), StandardCharsets.UTF_8)
                    + "|" + small.filename() + ":" + new String(small.bytes(), StandardCharsets.UTF_8) + "|" + req.form().get("f");
        });
        upload("/up", multipart("doc", "../../etc/report.txt", "0123456789abcdef", "note", "n.txt", "hi", "f", null, "v"))
                .send(app).assertStatus(200).assertBody("report.txt:16:0123456789abcdef|n.txt:hi|v");
        assertEquals(List.of(), spooled());
    }

    @Test
    void filesAreDeletedWhenTheHandlerNeverReadsThem() throws Exception {
        App app = app(req -> req.form().get("f"));
        upload("/up", multipart("doc", "a.bin", "x".repeat(1000), "f", null, "v")).send(app).assertBody("v");
        assertEquals(List.of(), spooled());
    }

    @Test
    void filesAreDeletedWhenTheHandlerFails() throws Exception {
        App app = app(req -> {
            req.files();
            assertEquals(1, spooled().size());
            throw new IllegalStateException("boom");
        });
        upload("/up", multipart("doc", "a.bin", "x".repeat(1000))).send(app).assertStatus(500);
        assertEquals(List.of(), spooled());
        App failsWithProblem = app(req -> {
            req.files();
            throw new BadRequestException("no thanks");
        });
        upload("/up", multipart("doc", "a.bin", "x".repeat(1000))).send(failsWithProblem).assertStatus(400);
        assertEquals(List.of(), spooled());
    }

    @Test
    void aFileSpooledBeforeAnErrorInTheBodyIsDeleted() throws Exception {
        // The first file is on disk when the second part turns out to be truncated.
        App app = app(req -> req.files().size());
        String truncated = multipart("doc", "a.bin", "x".repeat(1000)).replace("--b0undary--\r\n", "--b0undary\r\nContent-Disposition: form-data; name=g\r\n\r\nnever ends");
        upload("/up", truncated).send(app).assertStatus(400).assertContentType("application/problem+json")
                .assertJson("/detail", "The multipart body ended before its closing delimiter");
        assertEquals(List.of(), spooled());
    }

    @Test
    void aStreamedResponseReadsTheUploadBeforeItIsDeleted() throws Exception {
        App app = app(req -> {
            UploadedFile doc = req.file("doc");
            return Response.stream("text/plain", out -> {
                try (InputStream in = doc.open()) {
                    in.transferTo(out);
                }
            });
        });
        TestResponse res = upload("/up", multipart("doc", "a.txt", "streamed back to you")).send(app);
        assertEquals(1, spooled().size(), "kept until the body is written");
        res.assertStatus(200).assertBody("streamed back to you");
        assertEquals(List.of(), spooled());
    }

    @Test
    void aMovedUploadIsTheApplicationsToKeep() throws Exception {
        Path kept = spool.resolveSibling(spool.getFileName() + "-kept.txt");
        App app = app(req -> {
            req.file("doc").moveTo(kept);
            return "ok";
        });
        upload("/up", multipart("doc", "a.txt", "keep this one please")).send(app).assertStatus(200);
        assertEquals(List.of(), spooled());
        assertEquals("keep this one please", Files.readString(kept));
        Files.delete(kept);
    }

    @Test
    void streamsPartsAsTheyArrive() throws Exception {
        App app = app(req -> {
            StringBuilder sb = new StringBuilder();
            MultipartReader parts = req.multipart();
            for (Part p; (p = parts.next()) != null; ) {
                sb.append(p.name()).append('=');
                if (p.isFile()) {
                    UploadedFile f = p.spool();
                    sb.append(f.safeFilename()).append('/').append(f.size());
                } else {
                    sb.append(p.text());
                }
                sb.append(';');
            }
            return sb.toString();
        });
        upload("/up", multipart("a", null, "1", "f", "..\\\\.hidden.txt", "x".repeat(100)))
                .send(app).assertBody("a=1;f=hidden.txt/100;");
        assertEquals(List.of(), spooled());
    }

    @Test
    void refusesOtherMediaTypesWith415() throws Exception {
        App app = app(req -> req.form().get("a"));
        TestRequest.post("/up").json("{}").send(app).assertStatus(415).assertContentType("application/problem+json");
        App stream = app(req -> req.multipart().next().name());
        TestRequest.post("/up").form("a=1").send(stream).assertStatus(415)
                .assertJson("/detail", "This endpoint reads an upload: send the body as multipart/form-data");
    }

    @Test
    void refusesMalformedMultipartWith400Problems() throws Exception {
        App app = app(req -> req.form().get("a"));
        TestRequest.post("/up").header("Content-Type", "multipart/form-data").body("x").send(app)
                .assertStatus(400).assertJson("/detail", "The multipart/form-data Content-Type has no boundary parameter");
        TestRequest.post("/up").header("Content-Type", "multipart/form-data; boundary=\"bad@\"").body("x").send(app)
                .assertStatus(400);
        upload("/up", "--b0undary\r\nContent-Disposition: inline; name=a\r\n\r\nv\r\n--b0undary--").send(app)
                .assertStatus(400).assertContentType("application/problem+json");
    }

    @Test
    void aFileOverItsLimitIsA413ProblemNamingIt() throws Exception {
        App app = App.create().multipartLimits(MultipartLimits.defaults().withTempDirectory(spool)
                        .withMemoryThresholdBytes(8).withMaxFileBytes(100))
                .post("/up", req -> req.files().size());
        upload("/up", multipart("doc", "a.bin", "x".repeat(101))).send(app)
                .assertStatus(413).assertContentType("application/problem+json")
                .assertJson("/maxFileBytes", 100)
                .assertJson("/detail", "The file 'doc' is larger than 100 bytes");
        assertEquals(List.of(), spooled(), "the partly written file is gone");
        upload("/up", multipart("doc", "a.bin", "x".repeat(100))).send(app).assertStatus(200).assertBody("1");
    }

    @Test
    void aGroupCanSetItsOwnMultipartLimits() throws Exception {
        App app = App.create()
                .multipartLimits(MultipartLimits.defaults().withMaxFieldBytes(4))
                .post("/small", req -> req.form().get("a"))
                .group("/big", g -> g.multipartLimits(MultipartLimits.defaults().withMaxFieldBytes(1000))
                        .post("", req -> req.form().get("a")));
        String body = multipart("a", null, "hello");
        upload("/small", body).send(app).assertStatus(413).assertJson("/maxFieldBytes", 4);
        upload("/big", body).send(app).assertStatus(200).assertBody("hello");
    }
}
