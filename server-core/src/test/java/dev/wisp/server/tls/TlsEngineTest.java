package dev.wisp.server.tls;

import dev.wisp.server.Tls;
import dev.wisp.server.TlsInfo;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

import javax.net.ssl.SNIHostName;
import javax.net.ssl.SSLEngine;
import javax.net.ssl.SSLEngineResult.HandshakeStatus;
import javax.net.ssl.SSLException;
import javax.net.ssl.SSLParameters;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The {@link SSLEngine} side of {@link ServerTls} (for a transport that drives engines rather than
 * sockets): a client and a server engine exchanging records through two in-memory buffers.
 */
@Timeout(value = 30, unit = TimeUnit.SECONDS)
class TlsEngineTest {
    private static final ByteBuffer NOTHING = ByteBuffer.allocate(0);

    @TempDir
    static Path dir;
    static TestCertificates certs;
    static ServerTls tls;

    @BeforeAll
    static void certificates() {
        certs = TestCertificates.create(dir);
        TestCertificates.Issued server = certs.serverEc("server");
        tls = ServerTls.create(Tls.pem(server.certificateFile(), server.keyFile())
                .withClientAuth(Tls.ClientAuth.REQUEST, certs.caFile()), true);
    }

    /** Two engines wired back to back. */
    private static final class Pair {
        final SSLEngine client;
        final SSLEngine server;
        final ByteBuffer toServer = ByteBuffer.allocate(1 << 16);
        final ByteBuffer toClient = ByteBuffer.allocate(1 << 16);
        final ByteBuffer clientApp = ByteBuffer.allocate(1 << 16);
        final ByteBuffer serverApp = ByteBuffer.allocate(1 << 16);

        Pair(String protocol) {
            client = certs.clientContext(certs.client("alice")).createSSLEngine("localhost", 443);
            client.setUseClientMode(true);
            SSLParameters params = client.getSSLParameters();
            params.setProtocols(new String[] {protocol});
            params.setServerNames(List.of(new SNIHostName("localhost")));
            params.setApplicationProtocols(new String[] {"h2", "http/1.1"});
            client.setSSLParameters(params);
            server = tls.context().createSSLEngine();
            tls.configure(server);
        }

        void handshake() throws SSLException {
            client.beginHandshake();
            server.beginHandshake();
            for (int i = 0; i < 100 && !(idle(client) && idle(server)); i++) {
                step(client, toClient, toServer, clientApp);
                step(server, toServer, toClient, serverApp);
            }
            assertTrue(idle(client) && idle(server), "the handshake did not finish");
        }

        private static boolean idle(SSLEngine engine) {
            return engine.getHandshakeStatus() == HandshakeStatus.NOT_HANDSHAKING;
        }

        static void step(SSLEngine engine, ByteBuffer in, ByteBuffer out, ByteBuffer app) throws SSLException {
            switch (engine.getHandshakeStatus()) {
                case NEED_WRAP -> engine.wrap(NOTHING, out);
                case NEED_UNWRAP, NEED_UNWRAP_AGAIN -> {
                    in.flip();
                    engine.unwrap(in, app);
                    in.compact();
                }
                case NEED_TASK -> {
                    for (Runnable task; (task = engine.getDelegatedTask()) != null; ) {
                        task.run();
                    }
                }
                default -> { }
            }
        }

        String clientSends(String text) throws SSLException {
            client.wrap(ByteBuffer.wrap(text.getBytes(StandardCharsets.US_ASCII)), toServer);
            toServer.flip();
            server.unwrap(toServer, serverApp);
            toServer.compact();
            serverApp.flip();
            String received = StandardCharsets.US_ASCII.decode(serverApp).toString();
            serverApp.clear();
            return received;
        }
    }

    @Test
    void configuresAnEngineAndReportsWhatWasNegotiated() throws Exception {
        Pair pair = new Pair("TLSv1.3");
        pair.handshake();
        ServerTls.forbidRenegotiation(pair.server);
        TlsInfo info = ServerTls.info(pair.server);
        assertEquals("TLSv1.3", info.protocol());
        assertEquals("TLS_AES_128_GCM_SHA256", info.cipherSuite());
        assertEquals("h2", info.applicationProtocol());
        assertEquals("localhost", info.serverName());
        assertEquals("CN=alice", info.peerCertificate().getSubjectX500Principal().getName());
        assertEquals("GET / HTTP/1.1", pair.clientSends("GET / HTTP/1.1"));
    }

    @Test
    void anEngineRefusesATls12Renegotiation() throws Exception {
        Pair pair = new Pair("TLSv1.2");
        pair.handshake();
        ServerTls.forbidRenegotiation(pair.server);
        assertEquals("TLS_ECDHE_ECDSA_WITH_AES_128_GCM_SHA256", ServerTls.info(pair.server).cipherSuite());
        assertEquals("before", pair.clientSends("before"));

        pair.client.beginHandshake();  // a new ClientHello on the established connection
        Pair.step(pair.client, pair.toClient, pair.toServer, pair.clientApp);
        assertThrows(SSLException.class, () -> {
            for (int i = 0; i < 10; i++) {
                Pair.step(pair.server, pair.toServer, pair.toClient, pair.serverApp);
                pair.toServer.flip();
                pair.server.unwrap(pair.toServer, pair.serverApp);
                pair.toServer.compact();
            }
        });
    }
}
