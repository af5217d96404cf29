package dev.wisp.web;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.wisp.server.Limits;
import dev.wisp.testing.WispServerExtension;
import dev.wisp.web.multipart.MultipartLimits;
import dev.wisp.web.multipart.UploadedFile;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Uploads and body limits behind the real server: REST-assured's {@code multiPart(...)} for what
 * a client library sends, raw bytes for what it wouldn't, and the spool directory listed after
 * every request to prove the temporary files are gone.
 */
@Timeout(value = 30, unit = TimeUnit.SECONDS)
class UploadOverSocketTest {
    private static final Path SPOOL = createSpool();
    private static final int SERVER_MAX_BODY = 64 * 1024;

    @RegisterExtension
    static final WispServerExtension server = WispServerExtension.serve(() -> App.create()
                    .multipartLimits(MultipartLimits.defaults().withTempDirectory(SPOOL)
                            .withMemoryThresholdBytes(1024).withMaxFileBytes(20_000))
                    .post("/upload", req -> {
                        UploadedFile doc = req.file("doc");
                        return req.form().get("title") + ":" + doc.safeFilename() + ":" + doc.size() + ":" + doc.inMemory();
                    })
                    .post("/fails", req -> {
                        req.files();
                        throw new IllegalStateException("after spooling");
                    })
                    .post("/big", req -> req.bytes().length)
                    .group("/small", g -> g.maxBodyBytes(400).post("", req -> req.form().get("a"))))
            .withConfig(c -> c.withLimits(Limits.defaults().withMaxBodyBytes(SERVER_MAX_BODY)));

    private static Path createSpool() {
        try {
            return Files.createTempDirectory("wisp-spool-test");
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    @AfterEach
    void spoolIsEmpty() throws IOException {
        try (Stream<Path> files = Files.list(SPOOL)) {
            assertEquals(List.of(), files.toList(), "temporary upload files left behind");
        }
    }

    @AfterAll
    static void removeSpool() throws IOException {
        try (Stream<Path> files = Files.walk(SPOOL)) {
            files.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        }
    }

    @Test
    void uploadsAFileWithFields() {
        byte[] content = "x".repeat(10_000).getBytes(StandardCharsets.US_ASCII);
        given().multiPart("title", "Quarterly").multiPart("doc", "../../report.pdf", content, "application/pdf")
                .post("/upload")
                .then().statusCode(200).body(equalTo("Quarterly:report.pdf:10000:false"));
    }

    @Test
    void aFileOverItsLimitIsA413ProblemNamingIt() {
        given().multiPart("title", "t").multiPart("doc", "big.bin", new byte[20_001], "application/octet-stream")
                .post("/upload")
                .then().statusCode(413).contentType("application/problem+json")
                .body("maxFileBytes", equalTo(20_000)).body("detail", equalTo("The file 'doc' is larger than 20000 bytes"));
    }

    @Test
    void filesAreDeletedWhenTheHandlerFails() {
        given().multiPart("doc", "a.bin", new byte[5000], "application/octet-stream")
                .post("/fails")
                .then().statusCode(500).contentType("application/problem+json");
    }

    @Test
    void otherMediaTypesAre415() {
        given().contentType("text/plain").body("a=1").post("/small")
                .then().statusCode(415).contentType("application/problem+json");
    }

    @Test
    void aRouteLimitRefusesFromContentLengthWithAProblem() {
        given().multiPart("a", "x".repeat(500)).post("/small")
                .then().statusCode(413).contentType("application/problem+json")
                .header("Connection", "close").body("maxBodyBytes", equalTo(400));
        given().multiPart("a", "fits").post("/small").then().statusCode(200).body(equalTo("fits"));
    }

    @Test
    void theServersLimitUnderARouteIsAProblemToo() throws IOException {
        // The core defers its Content-Length check to the first read, so the framework shapes it.
        String res = raw("POST /big HTTP/1.1\r\nHost: t\r\nContent-Length: " + (SERVER_MAX_BODY + 1) + "\r\n\r\n");
        assertTrue(res.startsWith("HTTP/1.1 413 "), res);
        assertTrue(res.contains("Content-Type: application/problem+json\r\n"), res);
        assertTrue(res.contains("Connection: close\r\n"), res);
        assertTrue(res.contains("\"maxBodyBytes\":" + SERVER_MAX_BODY), res);
        // A chunked body passing it while being read: the same document.
        String chunk = "x".repeat(40_000);
        String chunked = raw("POST /big HTTP/1.1\r\nHost: t\r\nTransfer-Encoding: chunked\r\n\r\n"
                + Integer.toHexString(chunk.length()) + "\r\n" + chunk + "\r\n" + Integer.toHexString(chunk.length()) + "\r\n" + chunk + "\r\n0\r\n\r\n");
        assertTrue(chunked.startsWith("HTTP/1.1 413 "), chunked);
        assertTrue(chunked.contains("\"maxBodyBytes\":" + SERVER_MAX_BODY), chunked);
    }

    @Test
    void aRouteLimitRefusesBeforeInvitingTheBody() throws IOException {
        // RFC 9110 §10.1.1: the final 413 instead of 100 Continue; the client never sends the body.
        String res = raw("POST /small HTTP/1.1\r\nHost: t\r\nExpect: 100-continue\r\n"
                + "Content-Type: multipart/form-data; boundary=B\r\nContent-Length: 5000\r\n\r\n");
        assertTrue(res.startsWith("HTTP/1.1 413 "), res);
        assertTrue(!res.contains("100 Continue"), res);
        assertTrue(res.contains("\"maxBodyBytes\":400"), res);
        assertTrue(res.contains("Connection: close\r\n"), res);
    }

    @Test
    void malformedMultipartIsA400Problem() throws IOException {
        String noBoundary = raw(post("/upload", "multipart/form-data", "--x\r\n"));
        assertTrue(noBoundary.startsWith("HTTP/1.1 400 "), noBoundary);
        assertTrue(noBoundary.contains("has no boundary parameter"), noBoundary);
        String badBoundary = raw(post("/upload", "multipart/form-data; boundary=\"" + "b".repeat(71) + "\"", "--x\r\n"));
        assertTrue(badBoundary.startsWith("HTTP/1.1 400 "), badBoundary);
        String truncated = raw(post("/upload", "multipart/form-data; boundary=B",
                "--B\r\nContent-Disposition: form-data; name=doc; filename=a.bin\r\n\r\n" + "y".repeat(5000)));
        assertTrue(truncated.startsWith("HTTP/1.1 400 "), truncated);
        assertTrue(truncated.contains("ended before its closing delimiter"), truncated);
        String badHeader = raw(post("/upload", "multipart/form-data; boundary=B",
                "--B\r\nContent-Disposition: form-data; name=a\nX: y\r\n\r\nv\r\n--B--\r\n"));
        assertTrue(badHeader.startsWith("HTTP/1.1 400 "), badHeader);
        assertTrue(badHeader.contains("application/problem+json"), badHeader);
    }

    private static String post(String path, String type, String body) {
        return "POST " + path + " HTTP/1.1\r\nHost: t\r\nConnection: close\r\nContent-Type: " + type
                + "\r\nContent-Length: " + body.getBytes(StandardCharsets.ISO_8859_1).length + "\r\n\r\n" + body;
    }

    /** Sends bytes and reads until the server closes (every request here ends in a close). */
    private static String raw(String request) throws IOException {
        try (Socket s = new Socket()) {
            s.connect(new InetSocketAddress("127.0.0.1", server.port()), 5000);
            s.setSoTimeout(10_000);
            OutputStream out = s.getOutputStream();
            try {
                out.write(request.getBytes(StandardCharsets.ISO_8859_1));
                out.flush();
            } catch (IOException e) {
                // The server may answer and close before taking the whole body; read its answer.
            }
            InputStream in = s.getInputStream();
            ByteArrayOutputStream got = new ByteArrayOutputStream();
            byte[] buf = new byte[8192];
            try {
                for (int n; (n = in.read(buf)) >= 0; ) {
                    got.write(buf, 0, n);
                }
            } catch (IOException e) {
                // A reset after the response: what arrived is what counts.
            }
            return got.toString(StandardCharsets.ISO_8859_1);
        }
    }
}
