package dev.wisp.server.http2;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.wisp.server.Http2Limits;
import dev.wisp.server.Limits;
import dev.wisp.server.Request;
import dev.wisp.server.Response;
import dev.wisp.server.Server;
import dev.wisp.server.ServerConfig;
import dev.wisp.server.Tls;
import dev.wisp.server.tls.TestCertificates;
import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Random;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * HTTP/2 over TLS (ALPN h2) with the JDK's HttpClient and with the frame client, and h2c with
 * curl and nghttp when they are installed. The server runs with small receive windows, so large
 * uploads go through many WINDOW_UPDATEs.
 */
@Timeout(value = 60, unit = TimeUnit.SECONDS)
class Http2InteropTest {
    @TempDir
    static Path dir;
    static TestCertificates certs;
    static Server tls;
    static Server plain;
    static HttpClient client;
    static final Set<Integer> clientPorts = ConcurrentHashMap.newKeySet();

    @BeforeAll
    static void start() throws IOException {
        certs = TestCertificates.create(dir);
        TestCertificates.Issued cert = certs.serverEc("localhost");
        Path file = Files.write(dir.resolve("file.bin"), Http2ServerTest.pattern(300_000));
        Limits limits = Limits.defaults().withMaxBodyBytes(32L << 20)
                .withHttp2(Http2Limits.defaults().withInitialStreamWindowBytes(32 * 1024).withConnectionWindowBytes(65_535));
        tls = Server.start(ServerConfig.defaults().withHost("127.0.0.1").withPort(0).withLimits(limits)
                .withTls(Tls.pem(cert.certificateFile(), cert.keyFile())), r -> handle(r, file));
        plain = Server.start(ServerConfig.defaults().withHost("127.0.0.1").withPort(0).withLimits(limits), r -> handle(r, file));
        client = HttpClient.newBuilder().sslContext(certs.clientContext(null)).version(HttpClient.Version.HTTP_2).build();
    }

    @AfterAll
    static void stop() {
        client.close();
        tls.close();
        plain.close();
    }

    static Response handle(Request r, Path file) throws Exception {
        clientPorts.add(r.remoteAddress().getPort());
        return switch (r.path()) {
            case "/info" -> Response.text(r.version() + " " + r.scheme() + " "
                    + r.tls().map(t -> t.applicationProtocol()).orElse("plain") + " " + r.header("host"));
            case "/echo" -> Response.bytes(r.body().readAllBytes(), "application/octet-stream");
            case "/sha256" -> {
                MessageDigest sha = MessageDigest.getInstance("SHA-256");
                byte[] buf = new byte[8192];
                long total = 0;
                try (InputStream in = r.body()) {
                    for (int n; (n = in.read(buf)) > 0; total += n) {
                        sha.update(buf, 0, n);
                    }
                }
                yield Response.text(total + " " + HexFormat.of().formatHex(sha.digest()));
            }
            case "/big" -> Response.bytes(Http2ServerTest.pattern(Integer.parseInt(r.query())));
            case "/file" -> Response.file(file, "application/octet-stream");
            case "/stream" -> Response.stream("text/plain", out -> {
                for (int i = 0; i < 100; i++) {
                    out.write(("line " + i + "\n").getBytes(StandardCharsets.US_ASCII));
                }
            });
            default -> Response.status(404);
        };
    }

    URI tlsUri(String path) {
        return URI.create("https://localhost:" + tls.port() + path);
    }

    @Test
    void jdkClientNegotiatesH2() throws Exception {
        HttpResponse<String> r = client.send(HttpRequest.newBuilder(tlsUri("/info")).build(), HttpResponse.BodyHandlers.ofString());
        assertEquals(HttpClient.Version.HTTP_2, r.version());
        assertEquals("HTTP/2 https h2 localhost:" + tls.port(), r.body());
    }

    @Test
    void hundredConcurrentStreamsOnOneConnectionAreByteExact() throws Exception {
        HttpClient one = HttpClient.newBuilder().sslContext(certs.clientContext(null)).version(HttpClient.Version.HTTP_2).build();
        try (one) {
            one.send(HttpRequest.newBuilder(tlsUri("/info")).build(), HttpResponse.BodyHandlers.discarding());
            clientPorts.clear();
            List<byte[]> bodies = new ArrayList<>();
            List<CompletableFuture<HttpResponse<byte[]>>> calls = new ArrayList<>();
            Random random = new Random(42);
            for (int i = 0; i < 100; i++) {
                byte[] body = new byte[1 + random.nextInt(40_000)];
                random.nextBytes(body);
                bodies.add(body);
                calls.add(one.sendAsync(HttpRequest.newBuilder(tlsUri("/echo")).POST(HttpRequest.BodyPublishers.ofByteArray(body)).build(),
                        HttpResponse.BodyHandlers.ofByteArray()));
            }
            for (int i = 0; i < 100; i++) {
                HttpResponse<byte[]> r = calls.get(i).get(30, TimeUnit.SECONDS);
                assertEquals(200, r.statusCode());
                assertEquals(HttpClient.Version.HTTP_2, r.version());
                assertArrayEquals(bodies.get(i), r.body(), "body " + i);
            }
            assertEquals(1, clientPorts.size(), "all on one connection: " + clientPorts);
        }
    }

    @Test
    void sixteenMegabyteUploadThroughSmallWindows() throws Exception {
        byte[] body = Http2ServerTest.pattern(16 << 20);
        HttpResponse<String> r = client.send(HttpRequest.newBuilder(tlsUri("/sha256"))
                .POST(HttpRequest.BodyPublishers.ofByteArray(body)).build(), HttpResponse.BodyHandlers.ofString());
        assertEquals((16 << 20) + " " + HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(body)), r.body());
    }

    @Test
    void sixteenMegabyteDownload() throws Exception {
        int n = 16 << 20;
        HttpResponse<byte[]> r = client.send(HttpRequest.newBuilder(tlsUri("/big?" + n)).build(), HttpResponse.BodyHandlers.ofByteArray());
        assertEquals(HttpClient.Version.HTTP_2, r.version());
        assertArrayEquals(Http2ServerTest.pattern(n), r.body());
    }

    @Test
    void filesAndStreamsOverTls() throws Exception {
        HttpResponse<byte[]> f = client.send(HttpRequest.newBuilder(tlsUri("/file")).build(), HttpResponse.BodyHandlers.ofByteArray());
        assertArrayEquals(Http2ServerTest.pattern(300_000), f.body());
        HttpResponse<String> s = client.send(HttpRequest.newBuilder(tlsUri("/stream")).build(), HttpResponse.BodyHandlers.ofString());
        assertTrue(s.body().startsWith("line 0\nline 1\n") && s.body().endsWith("line 99\n"));
    }

    @Test
    void frameClientOverTls() throws IOException {
        try (H2Wire w = H2Wire.connectTls(tls.port(), certs.clientContext(null))) {
            w.handshake();
            w.frame(b -> FrameWriter.ping(b, false, 9));
            assertTrue(w.expect(Frame.PING, 0).ack());
            w.headers(1, true, ":method", "GET", ":scheme", "https", ":path", "/info"); // no :authority: allowed, no host then
            assertEquals(200, w.response(1).status());
            w.headers(3, true, ":method", "GET", ":path", "/info"); // malformed: no :scheme
            assertEquals(ErrorCode.PROTOCOL_ERROR, w.expect(Frame.RST_STREAM, 3).error());
            w.frames(2000, Frame.PING, 0, 0, new byte[8]); // past the default budget of 1000
            assertEquals(ErrorCode.ENHANCE_YOUR_CALM, w.goAway());
        }
    }

    @Test
    void curlWithPriorKnowledge() throws Exception {
        assumeTrue(installed("curl"), "curl not installed");
        String out = run("curl", "-sS", "--http2-prior-knowledge", "http://127.0.0.1:" + plain.port() + "/info");
        assertEquals("HTTP/2 http plain 127.0.0.1:" + plain.port(), out);
        Path upload = Files.write(dir.resolve("upload.bin"), Http2ServerTest.pattern(1 << 20));
        String sha = run("curl", "-sS", "--http2-prior-knowledge", "--data-binary", "@" + upload,
                "http://127.0.0.1:" + plain.port() + "/sha256");
        assertEquals((1 << 20) + " " + HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(Files.readAllBytes(upload))), sha);
    }

    @Test
    void nghttpConcurrentStreams() throws Exception {
        assumeTrue(installed("nghttp"), "nghttp not installed (apt-get install -y nghttp2-client)");
        List<String> cmd = new ArrayList<>(List.of("nghttp", "-n", "-s", "-m", "20"));
        cmd.add("http://127.0.0.1:" + plain.port() + "/big?100000");
        String out = run(cmd.toArray(String[]::new));
        assertTrue(out.contains("200"), out);
        String tlsOut = run("nghttp", "-n", "-s", "https://127.0.0.1:" + tls.port() + "/file");
        assertTrue(tlsOut.contains("200"), tlsOut);
    }

    static boolean installed(String tool) {
        for (String dir : System.getenv().getOrDefault("PATH", "").split(java.io.File.pathSeparator)) {
            if (Files.isExecutable(Path.of(dir, tool))) {
                return true;
            }
        }
        return false;
    }

    static String run(String... command) throws Exception {
        Process p = new ProcessBuilder(command).redirectErrorStream(true).start();
        byte[] out = p.getInputStream().readAllBytes();
        assertTrue(p.waitFor(30, TimeUnit.SECONDS));
        String text = new String(out, StandardCharsets.UTF_8);
        assertEquals(0, p.exitValue(), String.join(" ", command) + " → " + text);
        return text;
    }
}
