package dev.wisp.server.tls;

import dev.wisp.server.Tls;
import dev.wisp.server.TlsInfo;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLException;
import javax.net.ssl.SSLHandshakeException;
import javax.net.ssl.SSLSocket;
import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;

import static dev.wisp.server.tls.EchoTlsServer.connect;
import static dev.wisp.server.tls.EchoTlsServer.echo;
import static dev.wisp.server.tls.EchoTlsServer.serverSerial;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Handshakes between a JDK client and a server socket configured by {@link ServerTls}: versions,
 * suites, key types, PKCS#12, ALPN, SNI and the renegotiation lock. Refusals of old versions and
 * non-AEAD suites are shown with hand-written ClientHellos ({@link RawClientHello}).
 */
@Timeout(value = 30, unit = TimeUnit.SECONDS)
class TlsHandshakeTest {
    @TempDir
    static Path dir;
    static TestCertificates certs;
    static TestCertificates.Issued rsa;
    static TestCertificates.Issued ec;
    static SSLContext client;

    @BeforeAll
    static void certificates() {
        certs = TestCertificates.create(dir);
        rsa = certs.serverRsa("rsa");
        ec = certs.serverEc("ec");
        client = certs.clientContext(null);
    }

    private static ServerTls serverTls(TestCertificates.Issued cert, boolean h2) {
        return ServerTls.create(Tls.pem(cert.certificateFile(), cert.keyFile()), h2);
    }

    @Test
    void handshakesWithTls13AndReportsWhatWasNegotiated() throws Exception {
        try (EchoTlsServer server = EchoTlsServer.start(serverTls(rsa, false));
             SSLSocket socket = connect(client, server.port(), p -> { })) {
            assertEquals("hello", echo(socket, "hello"));
            assertEquals(rsa.serial(), serverSerial(socket));
            TlsInfo info = server.nextInfo();
            assertEquals("TLSv1.3", info.protocol());
            assertEquals("TLS_AES_128_GCM_SHA256", info.cipherSuite(), "server order puts AES-128-GCM first");
            assertNull(info.applicationProtocol(), "the client sent no ALPN");
            assertEquals("localhost", info.serverName());
            assertEquals(List.of(), info.peerCertificates());
            assertNull(info.peerCertificate());
        }
    }

    @Test
    void handshakesWithTls12UsingEcdheAndGcmForAnRsaKey() throws Exception {
        try (EchoTlsServer server = EchoTlsServer.start(serverTls(rsa, false));
             SSLSocket socket = connect(client, server.port(), p -> p.setProtocols(new String[] {"TLSv1.2"}))) {
            assertEquals("x", echo(socket, "x"));
            TlsInfo info = server.nextInfo();
            assertEquals("TLSv1.2", info.protocol());
            assertEquals("TLS_ECDHE_RSA_WITH_AES_128_GCM_SHA256", info.cipherSuite());
        }
    }

    @Test
    void servesAnEcKeyWithTls13AndTls12() throws Exception {
        try (EchoTlsServer server = EchoTlsServer.start(serverTls(ec, false))) {
            try (SSLSocket socket = connect(client, server.port(), p -> { })) {
                assertEquals(ec.serial(), serverSerial(socket));
                assertEquals("TLSv1.3", server.nextInfo().protocol());
                assertEquals("EC", socket.getSession().getPeerCertificates()[0].getPublicKey().getAlgorithm());
            }
            try (SSLSocket socket = connect(client, server.port(), p -> p.setProtocols(new String[] {"TLSv1.2"}))) {
                assertEquals("ok", echo(socket, "ok"));
                assertEquals("TLS_ECDHE_ECDSA_WITH_AES_128_GCM_SHA256", server.nextInfo().cipherSuite());
            }
        }
    }

    @Test
    void servesAPkcs12Keystore() throws Exception {
        ServerTls tls = ServerTls.create(Tls.pkcs12(rsa.pkcs12File(), TestCertificates.PASSWORD), false);
        try (EchoTlsServer server = EchoTlsServer.start(tls);
             SSLSocket socket = connect(client, server.port(), p -> { })) {
            assertEquals(rsa.serial(), serverSerial(socket));
            assertEquals("pkcs12", echo(socket, "pkcs12"));
            assertEquals("TLSv1.3", server.nextInfo().protocol());
        }
    }

    @Test
    void prefersTheServersSuiteOrderOverTheClients() throws Exception {
        String[] clientOrder = {"TLS_ECDHE_RSA_WITH_CHACHA20_POLY1305_SHA256", "TLS_ECDHE_RSA_WITH_AES_256_GCM_SHA384",
                                "TLS_ECDHE_RSA_WITH_AES_128_GCM_SHA256"};
        try (EchoTlsServer server = EchoTlsServer.start(serverTls(rsa, false));
             SSLSocket socket = connect(client, server.port(), p -> {
                 p.setProtocols(new String[] {"TLSv1.2"});
                 p.setCipherSuites(clientOrder);
             })) {
            assertEquals("TLS_ECDHE_RSA_WITH_AES_128_GCM_SHA256", socket.getSession().getCipherSuite());
            server.nextInfo();
        }
    }

    @Test
    void negotiatesChaCha20WhenTheClientOffersOnlyThat() throws Exception {
        try (EchoTlsServer server = EchoTlsServer.start(serverTls(rsa, false));
             SSLSocket socket = connect(client, server.port(), p -> {
                 p.setProtocols(new String[] {"TLSv1.2"});
                 p.setCipherSuites(new String[] {"TLS_ECDHE_RSA_WITH_CHACHA20_POLY1305_SHA256"});
             })) {
            assertEquals("TLS_ECDHE_RSA_WITH_CHACHA20_POLY1305_SHA256", server.nextInfo().cipherSuite());
            assertEquals("c", echo(socket, "c"));
        }
    }

    // RFC 8996: TLS 1.0 and 1.1 are refused with a protocol_version alert.

    @Test
    void refusesTls10AndTls11Clients() throws Exception {
        try (EchoTlsServer server = EchoTlsServer.start(serverTls(rsa, false))) {
            for (int version : new int[] {RawClientHello.TLS10, RawClientHello.TLS11}) {
                RawClientHello.Answer answer = RawClientHello.send(server.port(), version, 0xc013, 0xc014, 0x002f);
                assertEquals(new RawClientHello.Answer(RawClientHello.ALERT, RawClientHello.PROTOCOL_VERSION), answer,
                        "version 0x" + Integer.toHexString(version));
                assertTrue(server.nextFailure() instanceof SSLHandshakeException);
            }
        }
    }

    @Test
    void refusesTls12ClientsOfferingOnlyCbcStaticRsaOrFiniteFieldDheSuites() throws Exception {
        int[][] offers = {
            {0xc027, 0xc013, 0xc023, 0xc009},  // ECDHE with CBC (Lucky Thirteen, CVE-2013-0169)
            {0x009c, 0x009d},                  // static RSA with GCM (no forward secrecy; ROBOT, CVE-2017-13099)
            {0x009e, 0x009f},                  // finite-field DHE with GCM (Logjam, CVE-2015-4000)
        };
        try (EchoTlsServer server = EchoTlsServer.start(serverTls(rsa, false))) {
            for (int[] suites : offers) {
                RawClientHello.Answer answer = RawClientHello.send(server.port(), RawClientHello.TLS12, suites);
                assertEquals(new RawClientHello.Answer(RawClientHello.ALERT, RawClientHello.HANDSHAKE_FAILURE), answer);
                server.nextFailure();
            }
        }
    }

    @Test
    void answersTheSameRawTls12HelloWithAServerHelloWhenItOffersEcdheGcm() throws Exception {
        // The control for the refusals above: the hand-written hello is good enough to be served.
        try (EchoTlsServer server = EchoTlsServer.start(serverTls(rsa, false))) {
            assertEquals(new RawClientHello.Answer(RawClientHello.HANDSHAKE, RawClientHello.SERVER_HELLO),
                    RawClientHello.send(server.port(), RawClientHello.TLS12, 0xc027, 0xc02f));
        }
    }

    @Test
    void aJdkClientLimitedToCbcSuitesCannotConnect() throws Exception {
        try (EchoTlsServer server = EchoTlsServer.start(serverTls(rsa, false))) {
            assertThrows(SSLHandshakeException.class, () -> connect(client, server.port(), p -> {
                p.setProtocols(new String[] {"TLSv1.2"});
                p.setCipherSuites(new String[] {"TLS_ECDHE_RSA_WITH_AES_128_CBC_SHA256", "TLS_ECDHE_RSA_WITH_AES_128_CBC_SHA"});
            }).close());
            server.nextFailure();
        }
    }

    // ALPN, RFC 7301

    @Test
    void choosesH2WhenEnabledAndOfferedWhateverTheClientsOrder() throws Exception {
        try (EchoTlsServer server = EchoTlsServer.start(serverTls(rsa, true));
             SSLSocket socket = connect(client, server.port(),
                     p -> p.setApplicationProtocols(new String[] {"http/1.1", "h2"}))) {
            assertEquals("h2", socket.getApplicationProtocol());
            assertEquals("h2", server.nextInfo().applicationProtocol());
        }
    }

    @Test
    void choosesHttp11WhenH2IsDisabled() throws Exception {
        try (EchoTlsServer server = EchoTlsServer.start(serverTls(rsa, false));
             SSLSocket socket = connect(client, server.port(),
                     p -> p.setApplicationProtocols(new String[] {"h2", "http/1.1"}))) {
            assertEquals("http/1.1", socket.getApplicationProtocol());
            assertEquals("http/1.1", server.nextInfo().applicationProtocol());
        }
    }

    @Test
    void refusesAClientWhoseAlpnListHasNothingInCommon() throws Exception {
        // RFC 7301 §3.2: no_application_protocol, a fatal alert.
        try (EchoTlsServer server = EchoTlsServer.start(serverTls(rsa, false))) {
            SSLException e = assertThrows(SSLException.class, () -> connect(client, server.port(),
                    p -> p.setApplicationProtocols(new String[] {"h2", "spdy/3.1"})).close());
            assertTrue(e.getMessage().contains("no_application_protocol"), e.getMessage());
            server.nextFailure();
        }
    }

    @Test
    void selectsApplicationProtocolsByTheServersPreference() {
        assertEquals("h2", TlsPolicy.selectApplicationProtocol(List.of("http/1.1", "h2"), true));
        assertEquals("http/1.1", TlsPolicy.selectApplicationProtocol(List.of("http/1.1", "h2"), false));
        assertEquals("http/1.1", TlsPolicy.selectApplicationProtocol(List.of("http/1.1"), true));
        assertNull(TlsPolicy.selectApplicationProtocol(List.of("h2"), false));
        assertNull(TlsPolicy.selectApplicationProtocol(List.of("http/1.0", "spdy/3"), true));
        assertNull(TlsPolicy.selectApplicationProtocol(List.of(), true));
    }

    // SNI, RFC 6066 §3

    @Test
    void reportsNoServerNameForAClientThatConnectsByAddress() throws Exception {
        try (EchoTlsServer server = EchoTlsServer.start(serverTls(rsa, false));
             SSLSocket socket = connect(client, "127.0.0.1", server.port(), p -> { })) {
            assertEquals("a", echo(socket, "a"));
            assertNull(server.nextInfo().serverName());
        }
    }

    @Test
    void keepsTheServerNameOnAResumedSession() throws Exception {
        try (EchoTlsServer server = EchoTlsServer.start(serverTls(rsa, false))) {
            SSLContext resumingClient = certs.clientContext(null);
            long[] created = new long[2];
            for (int i = 0; i < 2; i++) {
                try (SSLSocket socket = connect(resumingClient, server.port(), p -> { })) {
                    assertEquals("r", echo(socket, "r"));  // TLS 1.3 tickets arrive after the handshake
                    created[i] = socket.getSession().getCreationTime();
                }
                assertEquals("localhost", server.nextInfo().serverName(), "connection " + (i + 1));
            }
            assertEquals(created[0], created[1], "the second connection resumed the first one's session");
        }
    }

    // Renegotiation (CVE-2011-1473): TLS 1.3 has none; a TLS 1.2 client's attempt is refused.

    @Test
    void refusesAClientInitiatedTls12Renegotiation() throws Exception {
        try (EchoTlsServer server = EchoTlsServer.start(serverTls(rsa, false));
             SSLSocket socket = connect(client, server.port(), p -> p.setProtocols(new String[] {"TLSv1.2"}))) {
            assertEquals("before", echo(socket, "before"));
            server.nextInfo();
            assertThrows(IOException.class, () -> {
                socket.startHandshake();
                echo(socket, "after");
            });
        }
    }

    @Test
    void withoutTheLockTheSameRenegotiationSucceeds() throws Exception {
        // The control for the test above: the JDK client really renegotiates, and JSSE would allow it.
        try (EchoTlsServer server = EchoTlsServer.startAllowingRenegotiation(serverTls(rsa, false));
             SSLSocket socket = connect(client, server.port(), p -> p.setProtocols(new String[] {"TLSv1.2"}))) {
            assertEquals("before", echo(socket, "before"));
            server.nextInfo();
            socket.startHandshake();
            assertEquals("after", echo(socket, "after"));
        }
    }

    @Test
    void leavesTls13ConnectionsFreeToUpdateKeys() throws Exception {
        // TLS 1.3 KeyUpdate (RFC 8446 §4.6.3) is a post-handshake message, not a renegotiation;
        // a JDK client sends one when startHandshake() is called again on a TLS 1.3 connection.
        try (EchoTlsServer server = EchoTlsServer.start(serverTls(rsa, false));
             SSLSocket socket = connect(client, server.port(), p -> { })) {
            assertEquals("before", echo(socket, "before"));
            socket.startHandshake();
            assertEquals("after", echo(socket, "after"));
            assertEquals("TLSv1.3", server.nextInfo().protocol());
        }
    }
}
