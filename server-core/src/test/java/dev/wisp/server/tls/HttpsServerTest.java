package dev.wisp.server.tls;

import dev.wisp.server.testkit.Wire;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.wisp.server.Limits;
import dev.wisp.server.Request;
import dev.wisp.server.Response;
import dev.wisp.server.Server;
import dev.wisp.server.ServerConfig;
import dev.wisp.server.Timeouts;
import dev.wisp.server.Tls;
import dev.wisp.server.TlsConfigException;
import java.io.IOException;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLSocket;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * HTTPS through {@link Server}: the HTTP/1.1 exchange over the TLS transport, what the handler
 * sees of the handshake, plain HTTP sent to the TLS port, a silent client, and bad configuration.
 */
@Timeout(value = 30, unit = TimeUnit.SECONDS)
class HttpsServerTest {
    @TempDir
    static Path dir;
    static TestCertificates certs;
    static TestCertificates.Issued cert;
    static SSLContext client;
    static Server server;

    @BeforeAll
    static void start() throws IOException {
        certs = TestCertificates.create(dir);
        cert = certs.serverEc("server");
        client = certs.clientContext(null);
        Path file = Files.write(dir.resolve("big.bin"), new byte[300_000]);
        server = Server.start(ServerConfig.defaults().withHost("127.0.0.1").withPort(0)
                .withTls(Tls.pem(cert.certificateFile(), cert.keyFile()))
                .withLimits(Limits.defaults().withMaxBodyBytes(1 << 20)), r -> handle(r, file));
    }

    @AfterAll
    static void stop() {
        server.close();
    }

    static Response handle(Request r, Path file) throws IOException {
        return switch (r.path()) {
            case "/info" -> Response.text(r.scheme() + " " + r.tls().map(t -> t.protocol() + " "
                    + t.applicationProtocol() + " " + t.serverName()).orElse("none"));
            case "/echo" -> Response.bytes(r.bytes(), "application/octet-stream");
            case "/file" -> Response.file(file, "application/octet-stream");
            case "/stream" -> Response.stream("text/plain", out -> {
                for (int i = 0; i < 100; i++) {
                    out.write(("line " + i + "\n").getBytes(StandardCharsets.US_ASCII));
                }
            });
            default -> Response.status(404);
        };
    }

    @Test
    void theJdkHttpClientGetsHttpsWithSchemeAndTlsInfo() throws Exception {
        HttpClient http = HttpClient.newBuilder().sslContext(client).version(HttpClient.Version.HTTP_1_1).build();
        HttpResponse<String> res = http.send(HttpRequest.newBuilder(URI.create("https://localhost:" + server.port()
                + "/info")).build(), HttpResponse.BodyHandlers.ofString());
        assertEquals(200, res.statusCode());
        // The JDK client offers no ALPN when asked for HTTP/1.1 only.
        assertEquals("https TLSv1.3 null localhost", res.body());
    }

    @Test
    void bodiesFilesAndStreamsCrossTheTlsTransportIntact() throws Exception {
        HttpClient http = HttpClient.newBuilder().sslContext(client).version(HttpClient.Version.HTTP_1_1).build();
        byte[] body = new byte[200_000];
        for (int i = 0; i < body.length; i++) {
            body[i] = (byte) (i * 31);
        }
        URI base = URI.create("https://localhost:" + server.port());
        HttpResponse<byte[]> echo = http.send(HttpRequest.newBuilder(base.resolve("/echo"))
                .POST(HttpRequest.BodyPublishers.ofByteArray(body)).build(), HttpResponse.BodyHandlers.ofByteArray());
        assertEquals(200, echo.statusCode());
        assertTrue(java.util.Arrays.equals(body, echo.body()));
        HttpResponse<byte[]> file = http.send(HttpRequest.newBuilder(base.resolve("/file")).build(),
                HttpResponse.BodyHandlers.ofByteArray());
        assertEquals(300_000, file.body().length);
        HttpResponse<String> stream = http.send(HttpRequest.newBuilder(base.resolve("/stream")).build(),
                HttpResponse.BodyHandlers.ofString());
        assertTrue(stream.body().endsWith("line 99\n"), stream.body());
    }

    @Test
    void pipelinedRequestsOverTlsAreAnsweredInOrder() throws IOException {
        try (SSLSocket socket = EchoTlsServer.connect(client, "localhost", server.port(), p -> { })) {
            socket.getOutputStream().write(("GET /info HTTP/1.1\r\nHost: t\r\n\r\n"
                    + "GET /nope HTTP/1.1\r\nHost: t\r\nConnection: close\r\n\r\n").getBytes(StandardCharsets.US_ASCII));
            String all = new String(socket.getInputStream().readAllBytes(), StandardCharsets.ISO_8859_1);
            int first = all.indexOf("HTTP/1.1 200 OK");
            int second = all.indexOf("HTTP/1.1 404 ");
            assertTrue(first == 0 && second > first, all);
        }
    }

    @Test
    void plainHttpSentToTheTlsPortGetsAPlainTextAnswer() throws IOException {
        String reply = rawExchange("GET / HTTP/1.1\r\nHost: t\r\n\r\n");
        assertTrue(reply.startsWith("HTTP/1.1 400 Bad Request\r\n"), reply);
        assertTrue(reply.endsWith("This port expects HTTPS: use https:// to connect here\n"), reply);
    }

    @Test
    void binaryThatIsNotTlsIsClosedWithoutAnAnswer() throws IOException {
        try (Socket s = new Socket("127.0.0.1", server.port())) {
            s.setSoTimeout(10_000);
            s.getOutputStream().write(new byte[] {0, 1, 'x', 'y'});
            int first;
            try {
                first = s.getInputStream().read();
            } catch (java.net.SocketException reset) {
                first = -1; // closed with our bytes unread: a reset is as good as an end here
            }
            assertEquals(-1, first);
        }
    }

    @Test
    void aSilentClientAndOneThatStopsMidHandshakeAreClosedAtTheHeadTimeout() throws IOException {
        // A 10 s test timeout would catch a server that waits for the default 10 s head timeout.
        try (Server quick = Server.start(ServerConfig.defaults().withHost("127.0.0.1").withPort(0)
                .withTls(Tls.pem(cert.certificateFile(), cert.keyFile()))
                .withTimeouts(Timeouts.defaults().withHead(Duration.ofMillis(300))), r -> Response.text("x"));
             Socket silent = new Socket("127.0.0.1", quick.port());
             Socket stalled = new Socket("127.0.0.1", quick.port())) {
            silent.setSoTimeout(10_000);
            stalled.setSoTimeout(10_000);
            stalled.getOutputStream().write(new byte[] {22, 3, 1, 0, 100}); // a record header, then nothing
            assertEquals(-1, silent.getInputStream().read(), "closed by the server, no bytes");
            assertEquals(-1, stalled.getInputStream().read());
        }
    }

    @Test
    void badConfigurationFailsStartWithOneLineNamingTheFile() {
        Path missing = dir.resolve("missing.pem");
        TlsConfigException e = assertThrows(TlsConfigException.class, () -> Server.start(
                ServerConfig.defaults().withHost("127.0.0.1").withPort(0).withTls(Tls.pem(missing, cert.keyFile())),
                r -> Response.text("never")));
        assertTrue(e.getMessage().contains(missing.toString()), e.getMessage());
        assertTrue(!e.getMessage().contains("\n"), e.getMessage());
    }

    @Test
    void mutualTlsShowsTheClientChainToTheHandlerAndRefusesClientsWithout() throws Exception {
        TestCertificates.Issued alice = certs.client("alice");
        Tls tls = Tls.pem(cert.certificateFile(), cert.keyFile()).withClientAuth(Tls.ClientAuth.REQUIRE, certs.caFile());
        try (Server mtls = Server.start(ServerConfig.defaults().withHost("127.0.0.1").withPort(0).withTls(tls),
                r -> Response.text(r.tls().orElseThrow().peerCertificate().getSubjectX500Principal().getName()))) {
            HttpClient withCert = HttpClient.newBuilder().sslContext(certs.clientContext(alice)).build();
            HttpResponse<String> res = withCert.send(HttpRequest.newBuilder(URI.create("https://localhost:" + mtls.port()
                    + "/")).build(), HttpResponse.BodyHandlers.ofString());
            assertEquals("CN=alice", res.body());
            HttpClient without = HttpClient.newBuilder().sslContext(client).build();
            assertThrows(IOException.class, () -> without.send(HttpRequest.newBuilder(URI.create("https://localhost:"
                    + mtls.port() + "/")).build(), HttpResponse.BodyHandlers.ofString()));
        }
    }

    @Test
    void aRenewedCertificateIsServedToNewHandshakesWhileOpenConnectionsKeepWorking() throws Exception {
        TestCertificates.Issued first = certs.serverEc("renewing");
        Path certFile = dir.resolve("live.pem");
        Path keyFile = dir.resolve("live.key");
        Files.copy(first.certificateFile(), certFile);
        Files.copy(first.keyFile(), keyFile);
        Tls tls = Tls.pem(certFile, keyFile).withReloadInterval(Duration.ofMillis(50));
        try (Server live = Server.start(ServerConfig.defaults().withHost("127.0.0.1").withPort(0).withTls(tls),
                r -> Response.text("ok"));
             SSLSocket old = EchoTlsServer.connect(client, "localhost", live.port(), p -> { })) {
            assertEquals(first.serial(), EchoTlsServer.serverSerial(old));
            TestCertificates.Issued renewed = certs.serverEc("renewed");
            // As certbot does: write the new files aside, then move them into place.
            Files.copy(renewed.certificateFile(), dir.resolve("live.pem.new"));
            Files.copy(renewed.keyFile(), dir.resolve("live.key.new"));
            Files.move(dir.resolve("live.key.new"), keyFile, java.nio.file.StandardCopyOption.REPLACE_EXISTING,
                    java.nio.file.StandardCopyOption.ATOMIC_MOVE);
            Files.move(dir.resolve("live.pem.new"), certFile, java.nio.file.StandardCopyOption.REPLACE_EXISTING,
                    java.nio.file.StandardCopyOption.ATOMIC_MOVE);
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(15);
            String seen = first.serial();
            while (!seen.equals(renewed.serial()) && System.nanoTime() < deadline) {
                try (SSLSocket next = EchoTlsServer.connect(client, "localhost", live.port(), p -> { })) {
                    seen = EchoTlsServer.serverSerial(next);
                }
            }
            assertEquals(renewed.serial(), seen, "a new handshake sees the renewed certificate");
            old.getOutputStream().write("GET / HTTP/1.1\r\nHost: t\r\nConnection: close\r\n\r\n"
                    .getBytes(StandardCharsets.US_ASCII));
            String reply = new String(old.getInputStream().readAllBytes(), StandardCharsets.ISO_8859_1);
            assertTrue(reply.startsWith("HTTP/1.1 200 OK") && reply.endsWith("ok"), reply);
        }
    }

    /** Plain bytes to the TLS port; returns all the server sends until it closes. */
    private static String rawExchange(String request) throws IOException {
        try (Wire wire = Wire.connect(server.port())) {
            wire.socket.setSoTimeout(10_000);
            return wire.send(request).readToEnd();
        }
    }
}
