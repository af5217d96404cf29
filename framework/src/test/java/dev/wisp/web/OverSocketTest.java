package dev.wisp.web;

import dev.wisp.server.testkit.Wire;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.wisp.server.Limits;
import dev.wisp.server.Server;
import dev.wisp.server.ServerConfig;
import dev.wisp.web.middleware.StaticFiles;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/** The framework behind the real server, over loopback: what a client sees on the wire. */
@Timeout(value = 30, unit = TimeUnit.SECONDS)
class OverSocketTest {
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
        Files.writeString(dir.resolve("hello.txt"), "0123456789abcdef");
        App app = App.create()
                .get("/json", req -> new Todo(1, "milk"))
                .get("/hello/{name}", req -> "Hello, " + req.path("name"))
                .post("/todos", req -> Result.created("/todos/2", new Todo(2, req.json(NewTodo.class).title())))
                .mount("/static", StaticFiles.directory(dir));
        ServerConfig config = ServerConfig.defaults().withHost("127.0.0.1").withPort(ServerConfig.ANY_PORT)
                .withLimits(Limits.defaults().withMaxBodyBytes(64));
        server = Server.start(config, app);
        client = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    }

    @AfterAll
    static void stop() {
        if (server != null) {
            server.close();
        }
    }

    private static URI uri(String path) {
        return URI.create("http://127.0.0.1:" + server.port() + path);
    }

    private static HttpResponse<String> send(HttpRequest.Builder request) throws Exception {
        return client.send(request.timeout(Duration.ofSeconds(10)).build(), HttpResponse.BodyHandlers.ofString());
    }

    /** Sends raw bytes and reads until the server closes the connection (the server tests' raw client). */
    private static String raw(String request) throws IOException {
        try (Wire wire = Wire.connect(server.port())) {
            return wire.send(request).readToEnd();
        }
    }

    @Test
    void servesJson() throws Exception {
        HttpResponse<String> res = send(HttpRequest.newBuilder(uri("/json")));
        assertEquals(200, res.statusCode());
        assertEquals("application/json", res.headers().firstValue("Content-Type").orElseThrow());
        assertEquals("{\"id\":1,\"title\":\"milk\"}", res.body());
    }

    @Test
    void bindsAJsonBodyAndAnswers201() throws Exception {
        HttpResponse<String> res = send(HttpRequest.newBuilder(uri("/todos"))
                .header("Content-Type", "application/json").POST(HttpRequest.BodyPublishers.ofString("{\"title\":\"eggs\"}")));
        assertEquals(201, res.statusCode());
        assertEquals("/todos/2", res.headers().firstValue("Location").orElseThrow());
        assertEquals("{\"id\":2,\"title\":\"eggs\"}", res.body());
    }

    @Test
    void malformedJsonIsAProblemOnTheWire() throws Exception {
        HttpResponse<String> res = send(HttpRequest.newBuilder(uri("/todos"))
                .header("Content-Type", "application/json").POST(HttpRequest.BodyPublishers.ofString("{\"title\":")));
        assertEquals(400, res.statusCode());
        assertEquals("application/problem+json", res.headers().firstValue("Content-Type").orElseThrow());
        assertTrue(res.body().contains("\"line\":1"), res.body());
    }

    @Test
    void headSendsTheGetHeadersWithoutABody() throws IOException {
        String get = raw("GET /hello/ann HTTP/1.1\r\nHost: t\r\nConnection: close\r\n\r\n");
        String head = raw("HEAD /hello/ann HTTP/1.1\r\nHost: t\r\nConnection: close\r\n\r\n");
        assertTrue(get.startsWith("HTTP/1.1 200 "), get);
        assertTrue(get.endsWith("\r\n\r\nHello, ann"), get);
        assertTrue(head.startsWith("HTTP/1.1 200 "), head);
        assertTrue(head.contains("Content-Length: 10\r\n"), head);
        assertTrue(head.endsWith("\r\n\r\n"), "no body after the head: " + head);
    }

    @Test
    void encodedSlashStaysInItsParameterOnTheWire() throws IOException {
        String res = raw("GET /hello/a%2Fb HTTP/1.1\r\nHost: t\r\nConnection: close\r\n\r\n");
        assertTrue(res.startsWith("HTTP/1.1 200 ") && res.endsWith("Hello, a/b"), res);
    }

    @Test
    void methodNotAllowedOnTheWire() throws IOException {
        String res = raw("DELETE /json HTTP/1.1\r\nHost: t\r\nConnection: close\r\n\r\n");
        assertTrue(res.startsWith("HTTP/1.1 405 "), res);
        assertTrue(res.contains("Allow: GET, HEAD, OPTIONS\r\n"), res);
        assertTrue(res.contains("Content-Type: application/problem+json\r\n"), res);
    }

    @Test
    void staticRangeAndTraversalOnTheWire() throws Exception {
        HttpResponse<String> range = send(HttpRequest.newBuilder(uri("/static/hello.txt")).header("Range", "bytes=10-"));
        assertEquals(206, range.statusCode());
        assertEquals("abcdef", range.body());
        assertEquals("bytes 10-15/16", range.headers().firstValue("Content-Range").orElseThrow());
        String traversal = raw("GET /static/%2e%2e/%2e%2e/etc/passwd HTTP/1.1\r\nHost: t\r\nConnection: close\r\n\r\n");
        assertTrue(traversal.startsWith("HTTP/1.1 404 "), traversal);
        String dotdot = raw("GET /static/../../etc/passwd HTTP/1.1\r\nHost: t\r\nConnection: close\r\n\r\n");
        assertTrue(dotdot.startsWith("HTTP/1.1 404 ") || dotdot.startsWith("HTTP/1.1 400 "), dotdot);
        assertTrue(!dotdot.contains("root:"), dotdot);
    }

    @Test
    void bodyOverTheServerLimitIsA413ProblemAndTheConnectionCloses() throws IOException {
        String chunk = "{\"title\":\"" + "x".repeat(100) + "\"}";
        String res = raw("POST /todos HTTP/1.1\r\nHost: t\r\nContent-Type: application/json\r\nTransfer-Encoding: chunked\r\n\r\n"
                + Integer.toHexString(chunk.length()) + "\r\n" + chunk + "\r\n0\r\n\r\n");
        assertTrue(res.startsWith("HTTP/1.1 413 "), res);
        assertTrue(res.contains("Connection: close\r\n"), res);
    }
}
