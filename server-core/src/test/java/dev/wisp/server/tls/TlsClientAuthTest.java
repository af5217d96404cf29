package dev.wisp.server.tls;

import dev.wisp.server.Tls;
import dev.wisp.server.TlsInfo;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLHandshakeException;
import javax.net.ssl.SSLSocket;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;

import static dev.wisp.server.tls.EchoTlsServer.connect;
import static dev.wisp.server.tls.EchoTlsServer.echo;
import static dev.wisp.server.tls.EchoTlsServer.subjects;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

/**
 * Client certificates (mutual TLS, RFC 8446 §4.3.2 / RFC 5246 §7.4.4): {@code REQUIRE} and
 * {@code REQUEST} with a trust bundle, and the verified chain in {@link TlsInfo}. In TLS 1.3 the
 * client's handshake finishes before the server has checked its certificate, so a refusal shows
 * up on the client's first read; the server's outcome is asserted too.
 */
@Timeout(value = 30, unit = TimeUnit.SECONDS)
class TlsClientAuthTest {
    @TempDir
    static Path dir;
    static TestCertificates certs;
    static TestCertificates.Issued server;
    static SSLContext withCertificate;
    static SSLContext withoutCertificate;
    static SSLContext withStrangersCertificate;

    @BeforeAll
    static void certificates() throws IOException {
        certs = TestCertificates.create(dir);
        server = certs.serverEc("server");
        withCertificate = certs.clientContext(certs.client("alice"));
        withoutCertificate = certs.clientContext(null);
        // a client certificate from another CA, in a client that trusts our server
        Path otherDir = Files.createDirectory(dir.resolve("other"));
        withStrangersCertificate = certs.clientContext(TestCertificates.create(otherDir).client("mallory"));
    }

    private static ServerTls serverTls(Tls.ClientAuth clientAuth) {
        return ServerTls.create(Tls.pem(server.certificateFile(), server.keyFile())
                .withClientAuth(clientAuth, certs.caFile()), false);
    }

    /** The client's first read fails (TLS 1.3 reports the refusal after its handshake) and the server's handshake failed. */
    private static void assertRefused(Tls.ClientAuth clientAuth, SSLContext client) throws Exception {
        try (EchoTlsServer echo = EchoTlsServer.start(serverTls(clientAuth))) {
            assertThrows(IOException.class, () -> {
                try (SSLSocket socket = connect(client, echo.port(), p -> { })) {
                    echo(socket, "hi");
                }
            });
            assertEquals(SSLHandshakeException.class, echo.nextFailure().getClass());
        }
    }

    @Test
    void requireAcceptsATrustedClientAndShowsItsVerifiedChain() throws Exception {
        for (String version : List.of("TLSv1.3", "TLSv1.2")) {
            try (EchoTlsServer echo = EchoTlsServer.start(serverTls(Tls.ClientAuth.REQUIRE));
                 SSLSocket socket = connect(withCertificate, echo.port(), p -> p.setProtocols(new String[] {version}))) {
                assertEquals("hi", echo(socket, "hi"));
                TlsInfo info = echo.nextInfo();
                assertEquals(List.of("CN=alice", certs.ca().getSubjectX500Principal().getName()), subjects(info), version);
                assertEquals("CN=alice", info.peerCertificate().getSubjectX500Principal().getName());
            }
        }
    }

    @Test
    void requireRefusesAClientWithoutACertificate() throws Exception {
        assertRefused(Tls.ClientAuth.REQUIRE, withoutCertificate);
    }

    @Test
    void requireRefusesACertificateFromAnotherCa() throws Exception {
        assertRefused(Tls.ClientAuth.REQUIRE, withStrangersCertificate);
    }

    @Test
    void requestServesAClientWithoutACertificateWithAnEmptyChain() throws Exception {
        try (EchoTlsServer echo = EchoTlsServer.start(serverTls(Tls.ClientAuth.REQUEST));
             SSLSocket socket = connect(withoutCertificate, echo.port(), p -> { })) {
            assertEquals("anon", echo(socket, "anon"));
            assertEquals(List.of(), echo.nextInfo().peerCertificates());
        }
    }

    @Test
    void requestAcceptsATrustedClientAndShowsItsChain() throws Exception {
        try (EchoTlsServer echo = EchoTlsServer.start(serverTls(Tls.ClientAuth.REQUEST));
             SSLSocket socket = connect(withCertificate, echo.port(), p -> { })) {
            assertEquals("hi", echo(socket, "hi"));
            assertEquals("CN=alice", subjects(echo.nextInfo()).getFirst());
        }
    }

    @Test
    void requestRefusesACertificateFromAnotherCa() throws Exception {
        // Asked-for but untrusted is refused, not silently treated as anonymous.
        assertRefused(Tls.ClientAuth.REQUEST, withStrangersCertificate);
    }

    @Test
    void noneDoesNotAskForACertificate() throws Exception {
        ServerTls tls = ServerTls.create(Tls.pem(server.certificateFile(), server.keyFile()), false);
        try (EchoTlsServer echo = EchoTlsServer.start(tls);
             SSLSocket socket = connect(withCertificate, echo.port(), p -> { })) {
            assertEquals("hi", echo(socket, "hi"));
            assertEquals(List.of(), echo.nextInfo().peerCertificates());
        }
    }
}
