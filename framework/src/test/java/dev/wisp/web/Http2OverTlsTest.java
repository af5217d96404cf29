package dev.wisp.web;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.wisp.server.Limits;
import dev.wisp.server.Server;
import dev.wisp.server.ServerConfig;
import dev.wisp.server.Tls;
import dev.wisp.server.tls.TestCertificates;
import dev.wisp.web.middleware.Compression;
import dev.wisp.web.middleware.StaticFiles;
import dev.wisp.web.sse.Sse;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import java.util.zip.GZIPInputStream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * The framework over HTTP/2 (TLS, ALPN h2) with the JDK's HttpClient: JSON in and out, problem
 * documents, the body limit, static files, compression of a streamed body and SSE — the places
 * where the protocol's framing meets the framework's responses.
 */
@Timeout(value = 30, unit = TimeUnit.SECONDS)
class Http2OverTlsTest {
    record Todo(long id, String title) {
    }

    record NewTodo(String title) {
    }

    @TempDir
    static Path dir;
    static Server server;
    static HttpClient client;

    @BeforeAll
    static void start() throws IOException {
        TestCertificates certs = TestCertificates.create(dir);
        TestCertificates.Issued cert = certs.serverEc("localhost");
        Files.writeString(dir.resolve("hello.txt"), "0123456789abcdef");
        App app = App.create()
                .use(Compression.create())
                .get("/json", req -> new Todo(1, "milk"))
                .post("/todos", req -> Result.created("/todos/2", new Todo(2, req.json(NewTodo.class).title())))
                .get("/events", req -> Sse.stream(req, sink -> {
                    sink.send("one");
                    sink.send("two");
                }))
                .get("/text", req -> "x".repeat(5000))
                .mount("/static", StaticFiles.directory(dir));
        server = Server.start(ServerConfig.defaults().withHost("127.0.0.1").withPort(0)
                .withLimits(Limits.defaults().withMaxBodyBytes(64))
                .withTls(Tls.pem(cert.certificateFile(), cert.keyFile())), app);
        client = HttpClient.newBuilder().sslContext(certs.clientContext(null)).version(HttpClient.Version.HTTP_2).build();
    }

    @AfterAll
    static void stop() {
        client.close();
        server.close();
    }

    static HttpRequest.Builder request(String path) {
        return HttpRequest.newBuilder(URI.create("https://localhost:" + server.port() + path));
    }

    @Test
    void jsonInAndOut() throws Exception {
        HttpResponse<String> get = client.send(request("/json").build(), HttpResponse.BodyHandlers.ofString());
        assertEquals(HttpClient.Version.HTTP_2, get.version());
        assertEquals("{\"id\":1,\"title\":\"milk\"}", get.body());
        HttpResponse<String> post = client.send(request("/todos").header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString("{\"title\":\"tea\"}")).build(), HttpResponse.BodyHandlers.ofString());
        assertEquals(201, post.statusCode());
        assertEquals("/todos/2", post.headers().firstValue("location").orElseThrow());
    }

    @Test
    void problemsAndBodyLimit() throws Exception {
        HttpResponse<String> missing = client.send(request("/nope").build(), HttpResponse.BodyHandlers.ofString());
        assertEquals(404, missing.statusCode());
        assertEquals("application/problem+json", missing.headers().firstValue("content-type").orElseThrow());
        HttpResponse<String> big = client.send(request("/todos").header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString("{\"title\":\"" + "a".repeat(100) + "\"}")).build(),
                HttpResponse.BodyHandlers.ofString());
        assertEquals(413, big.statusCode());
        assertTrue(big.body().contains("\"maxBodyBytes\":64"), big.body());
    }

    @Test
    void staticFileAndRange() throws Exception {
        HttpResponse<String> file = client.send(request("/static/hello.txt").build(), HttpResponse.BodyHandlers.ofString());
        assertEquals("0123456789abcdef", file.body());
        HttpResponse<String> range = client.send(request("/static/hello.txt").header("Range", "bytes=2-4").build(),
                HttpResponse.BodyHandlers.ofString());
        assertEquals(206, range.statusCode());
        assertEquals("234", range.body());
    }

    @Test
    void compressedBody() throws Exception {
        HttpResponse<byte[]> r = client.send(request("/text").header("Accept-Encoding", "gzip").build(),
                HttpResponse.BodyHandlers.ofByteArray());
        assertEquals("gzip", r.headers().firstValue("content-encoding").orElseThrow());
        String text = new String(new GZIPInputStream(new ByteArrayInputStream(r.body())).readAllBytes(), StandardCharsets.UTF_8);
        assertEquals("x".repeat(5000), text);
    }

    @Test
    void serverSentEvents() throws Exception {
        HttpResponse<String> r = client.send(request("/events").build(), HttpResponse.BodyHandlers.ofString());
        assertEquals("text/event-stream", r.headers().firstValue("content-type").orElseThrow().split(";")[0]);
        assertTrue(r.body().contains("data: one\n\n") && r.body().contains("data: two\n\n"), r.body());
    }
}
