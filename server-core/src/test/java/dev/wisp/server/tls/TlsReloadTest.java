package dev.wisp.server.tls;

import dev.wisp.server.testkit.LogCapture;

import dev.wisp.server.Tls;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLSocket;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.logging.Handler;
import java.util.logging.Level;
import java.util.logging.LogRecord;
import java.util.logging.Logger;
import java.util.logging.SimpleFormatter;

import static dev.wisp.server.tls.EchoTlsServer.connect;
import static dev.wisp.server.tls.EchoTlsServer.echo;
import static dev.wisp.server.tls.EchoTlsServer.serverSerial;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Certificate renewal on disk while the server runs: new handshakes get the new pair, open
 * connections keep theirs, a broken renewal keeps the old pair and is logged once, and a
 * half-written pair is waited out. Checks are driven by {@link ServerTls#checkNow()} or by a fake
 * clock, never by sleeping.
 */
@Timeout(value = 30, unit = TimeUnit.SECONDS)
class TlsReloadTest {
    @TempDir
    Path dir;
    TestCertificates certs;
    TestCertificates.Issued first;
    Path cert;
    Path key;
    SSLContext client;
    final AtomicLong clock = new AtomicLong();
    final LogCapture log = new LogCapture();

    @BeforeEach
    void certificates() throws IOException {
        certs = TestCertificates.create(dir);
        first = certs.serverEc("first");
        cert = dir.resolve("live.pem");
        key = dir.resolve("live.key");
        replace(cert, first.certificateFile());
        replace(key, first.keyFile());
        client = certs.clientContext(null);
    }

    @AfterEach
    void detach() {
        log.close();
    }

    private ServerTls serverTls() {
        return ServerTls.create(Tls.pem(cert, key), false, clock::get);
    }

    /** As certbot and cert-manager do: write next to the target, then rename over it. */
    private static void replace(Path target, Path source) throws IOException {
        Path tmp = target.resolveSibling(target.getFileName() + ".tmp");
        Files.copy(source, tmp, StandardCopyOption.REPLACE_EXISTING);
        Files.move(tmp, target, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
    }

    @Test
    void newHandshakesGetTheRenewedCertificateWhileAnOpenConnectionKeepsWorking() throws Exception {
        ServerTls tls = serverTls();
        try (EchoTlsServer server = EchoTlsServer.start(tls);
             SSLSocket old = connect(client, server.port(), p -> { })) {
            assertEquals(first.serial(), serverSerial(old));
            TestCertificates.Issued renewed = certs.serverEc("renewed");
            replace(cert, renewed.certificateFile());
            replace(key, renewed.keyFile());

            assertTrue(tls.checkNow());

            try (SSLSocket fresh = connect(client, server.port(), p -> { })) {
                assertEquals(renewed.serial(), serverSerial(fresh));
                assertEquals("new", echo(fresh, "new"));
            }
            assertEquals("still here", echo(old, "still here"));
            assertEquals(first.serial(), serverSerial(old));
            assertEquals(List.of("INFO tls.reloaded file=" + cert + " serial=" + renewed.serial() + " not_after="
                    + renewed.certificate().getNotAfter().toInstant() + " subject=\"CN=renewed\""), log.messages());
            assertFalse(tls.checkNow(), "unchanged files are not reloaded again");
            assertEquals(1, log.messages().size());
        }
    }

    @Test
    void followsASymlinkSwapAsKubernetesSecretVolumesDo() throws Exception {
        // cert-manager + kubelet: live -> ..2024_01, and the renewal atomically repoints the link.
        Path gen1 = Files.createDirectory(dir.resolve("gen1"));
        Files.copy(first.certificateFile(), gen1.resolve("tls.crt"));
        Files.copy(first.keyFile(), gen1.resolve("tls.key"));
        Path live = Files.createSymbolicLink(dir.resolve("data"), gen1.getFileName());
        ServerTls tls = ServerTls.create(Tls.pem(live.resolve("tls.crt"), live.resolve("tls.key")), false, clock::get);

        TestCertificates.Issued renewed = certs.serverEc("renewed");
        Path gen2 = Files.createDirectory(dir.resolve("gen2"));
        Files.copy(renewed.certificateFile(), gen2.resolve("tls.crt"));
        Files.copy(renewed.keyFile(), gen2.resolve("tls.key"));
        Path newLink = Files.createSymbolicLink(dir.resolve("data.tmp"), gen2.getFileName());
        Files.move(newLink, live, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);

        assertTrue(tls.checkNow());
        try (EchoTlsServer server = EchoTlsServer.start(tls);
             SSLSocket socket = connect(client, server.port(), p -> { })) {
            assertEquals(renewed.serial(), serverSerial(socket));
        }
    }

    @Test
    void aRenewalThatDoesNotLoadKeepsTheOldPairAndIsLoggedOnce() throws Exception {
        ServerTls tls = serverTls();
        TestCertificates.Issued other = certs.serverEc("other");
        replace(key, other.keyFile());  // the key of another certificate

        for (int i = 0; i < 3; i++) {
            assertFalse(tls.checkNow());
        }
        try (EchoTlsServer server = EchoTlsServer.start(tls);
             SSLSocket socket = connect(client, server.port(), p -> { })) {
            assertEquals(first.serial(), serverSerial(socket));
        }
        assertEquals(List.of("WARNING tls.reload_failed file=" + key + " reason=\"TLS private key file " + key
                + ": does not match the certificate in " + cert + " (the first certificate must be the server's own)\""
                + " serving=serial:" + first.serial()), log.messages());

        replace(key, first.keyFile());  // put right: back to what is in service, nothing to log
        assertFalse(tls.checkNow());
        assertEquals(1, log.messages().size());
    }

    @Test
    void aFileThatIsNotPemOrIsGoneIsLoggedOnceWithItsReason() throws Exception {
        ServerTls tls = serverTls();
        Files.writeString(cert, "renewal in progress\n");
        assertFalse(tls.checkNow());
        assertFalse(tls.checkNow());
        Files.delete(key);
        assertFalse(tls.checkNow());
        assertFalse(tls.checkNow());
        assertFalse(tls.checkNow());
        assertEquals(List.of(
                "WARNING tls.reload_failed file=" + cert + " reason=\"TLS certificate file " + cert
                        + ": not PEM (no -----BEGIN CERTIFICATE----- line)\" serving=serial:" + first.serial(),
                "WARNING tls.reload_failed file=" + key + " reason=\"TLS private key file " + key
                        + ": no such file\" serving=serial:" + first.serial()),
                log.messages());
        assertEquals(first.serial(), tls.certificate().getSerialNumber().toString(16));
    }

    @Test
    void waitsOutAHalfWrittenPairWithoutLogging() throws Exception {
        ServerTls tls = serverTls();
        TestCertificates.Issued renewed = certs.serverEc("renewed");
        replace(cert, renewed.certificateFile());       // the certificate has landed, the key not yet

        assertFalse(tls.checkNow());
        assertEquals(first.serial(), tls.certificate().getSerialNumber().toString(16));
        replace(key, renewed.keyFile());
        assertTrue(tls.checkNow());

        assertEquals(renewed.serial(), tls.certificate().getSerialNumber().toString(16));
        assertEquals(1, log.messages().size());
        assertTrue(log.messages().getFirst().startsWith("INFO tls.reloaded "), log.messages().getFirst());
    }

    @Test
    void checksTheFilesAtMostOncePerIntervalFromTheHandshakePath() throws Exception {
        ServerTls tls = ServerTls.create(Tls.pem(cert, key).withReloadInterval(Duration.ofSeconds(10)), false, clock::get);
        TestCertificates.Issued renewed = certs.serverEc("renewed");
        replace(cert, renewed.certificateFile());
        replace(key, renewed.keyFile());
        try (EchoTlsServer server = EchoTlsServer.start(tls)) {
            clock.set(Duration.ofMillis(9_999).toNanos());
            try (SSLSocket socket = connect(client, server.port(), p -> { })) {
                assertEquals(first.serial(), serverSerial(socket), "not checked before the interval");
            }
            clock.set(Duration.ofSeconds(10).toNanos());
            try (SSLSocket socket = connect(client, server.port(), p -> { })) {
                assertEquals(renewed.serial(), serverSerial(socket), "checked by the first connection after it");
            }
            TestCertificates.Issued third = certs.serverEc("third");
            replace(cert, third.certificateFile());
            replace(key, third.keyFile());
            clock.set(Duration.ofSeconds(19).toNanos());
            try (SSLSocket socket = connect(client, server.port(), p -> { })) {
                assertEquals(renewed.serial(), serverSerial(socket), "the next check is an interval after the last");
            }
        }
    }

    @Test
    void reloadsAPkcs12Keystore() throws Exception {
        Path store = dir.resolve("live.p12");
        replace(store, first.pkcs12File());
        ServerTls tls = ServerTls.create(Tls.pkcs12(store, TestCertificates.PASSWORD), false, clock::get);
        TestCertificates.Issued renewed = certs.serverEc("renewed");
        replace(store, renewed.pkcs12File());
        assertTrue(tls.checkNow());
        assertEquals(renewed.serial(), tls.certificate().getSerialNumber().toString(16));
    }

    @Test
    void aHandshakeThatChoseItsAliasBeforeASwapStillGetsAMatchingKeyAndChain() throws Exception {
        ReloadingKeyManager keys = new ReloadingKeyManager(Tls.pem(cert, key), clock::get);
        String alias = keys.chooseServerAlias("EC", null, null);
        assertNull(keys.chooseServerAlias("RSA", null, null), "an EC key does not serve an RSA-signed handshake");

        TestCertificates.Issued renewed = certs.serverEc("renewed");
        replace(cert, renewed.certificateFile());
        replace(key, renewed.keyFile());
        assertTrue(keys.checkNow());

        X509Certificate[] chain = keys.getCertificateChain(alias);
        assertEquals(first.certificate(), chain[0]);
        assertTrue(KeyMaterial.matches(keys.getPrivateKey(alias), chain[0]));
        String newAlias = keys.chooseServerAlias("EC", null, null);
        assertEquals(renewed.certificate(), keys.getCertificateChain(newAlias)[0]);
        assertTrue(KeyMaterial.matches(keys.getPrivateKey(newAlias), renewed.certificate()));
    }

    /** What the server logs to "dev.wisp.server" (System.Logger → java.util.logging), as "LEVEL message". */
    static final class LogCapture extends Handler {
        private static final Logger LOGGER = Logger.getLogger("dev.wisp.server");
        private final List<String> messages = new CopyOnWriteArrayList<>();
        private final SimpleFormatter formatter = new SimpleFormatter();

        LogCapture() {
            LOGGER.addHandler(this);
        }

        List<String> messages() {
            return List.copyOf(messages);
        }

        @Override
        public void publish(LogRecord record) {
            if (record.getLevel().intValue() >= Level.INFO.intValue()) {
                messages.add(record.getLevel() + " " + formatter.formatMessage(record));
            }
        }

        @Override
        public void flush() {
        }

        @Override
        public void close() {
            LOGGER.removeHandler(this);
        }
    }
}
