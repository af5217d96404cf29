package dev.wisp.server.tls;

import dev.wisp.server.Tls;
import dev.wisp.server.TlsConfigException;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.KeyStore;
import java.time.Duration;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeFalse;

/**
 * A configuration that cannot be used fails at start with one line naming the file and the
 * problem, and telling how to fix it where there is a standard fix. Each message is asserted
 * whole: it is the user interface.
 */
@Timeout(value = 30, unit = TimeUnit.SECONDS)
class TlsConfigTest {
    @TempDir
    static Path dir;
    static TestCertificates certs;
    static TestCertificates.Issued rsa;
    static TestCertificates.Issued ec;

    @BeforeAll
    static void certificates() {
        certs = TestCertificates.create(dir);
        rsa = certs.serverRsa("rsa");
        ec = certs.serverEc("ec");
    }

    private static String failure(Tls tls) {
        return assertThrows(TlsConfigException.class, () -> ServerTls.create(tls, false)).getMessage();
    }

    private static Path write(String name, String text) throws IOException {
        return Files.writeString(dir.resolve(name), text);
    }

    @Test
    void missingFiles() {
        Path nowhere = dir.resolve("nowhere.pem");
        assertEquals("TLS certificate file " + nowhere + ": no such file", failure(Tls.pem(nowhere, rsa.keyFile())));
        assertEquals("TLS private key file " + nowhere + ": no such file", failure(Tls.pem(rsa.certificateFile(), nowhere)));
        assertEquals("TLS keystore " + nowhere + ": no such file", failure(Tls.pkcs12(nowhere, "x")));
        assertEquals("TLS trust file " + nowhere + ": no such file",
                failure(Tls.pem(rsa.certificateFile(), rsa.keyFile()).withClientAuth(Tls.ClientAuth.REQUIRE, nowhere)));
    }

    @Test
    void aDirectoryAnEmptyFileAndAnUnreadableFile() throws IOException {
        assertEquals("TLS certificate file " + dir + ": is a directory, not a file", failure(Tls.pem(dir, rsa.keyFile())));
        Path empty = write("empty.pem", "");
        assertEquals("TLS certificate file " + empty + ": is empty", failure(Tls.pem(empty, rsa.keyFile())));

        Path locked = Files.copy(rsa.keyFile(), dir.resolve("locked.key"));
        Files.setPosixFilePermissions(locked, PosixFilePermissions.fromString("---------"));
        assumeFalse(Files.isReadable(locked), "running as root: every file is readable");
        assertEquals("TLS private key file " + locked + ": cannot be read (permission denied)",
                failure(Tls.pem(rsa.certificateFile(), locked)));
    }

    @Test
    void notPem() throws Exception {
        Path der = dir.resolve("cert.der");
        Files.write(der, rsa.certificate().getEncoded());
        assertEquals("TLS certificate file " + der + ": not PEM (no -----BEGIN CERTIFICATE----- line)",
                failure(Tls.pem(der, rsa.keyFile())));
        Path text = write("key.txt", "my key\n");
        assertEquals("TLS private key file " + text + ": not PEM (no -----BEGIN PRIVATE KEY----- line)",
                failure(Tls.pem(rsa.certificateFile(), text)));
    }

    @Test
    void brokenPem() throws IOException {
        Path noEnd = write("noend.pem", "-----BEGIN CERTIFICATE-----\nMIIB\n");
        assertEquals("TLS certificate file " + noEnd + ": not valid PEM (BEGIN CERTIFICATE has no END line)",
                failure(Tls.pem(noEnd, rsa.keyFile())));
        Path mixed = write("mixed.pem", "-----BEGIN CERTIFICATE-----\nMIIB\n-----END PRIVATE KEY-----\n");
        assertEquals("TLS certificate file " + mixed + ": not valid PEM (BEGIN CERTIFICATE is closed by -----END PRIVATE KEY-----)",
                failure(Tls.pem(mixed, rsa.keyFile())));
        Path notBase64 = write("b64.pem", "-----BEGIN CERTIFICATE-----\nnot*base64\n-----END CERTIFICATE-----\n");
        assertEquals("TLS certificate file " + notBase64 + ": not valid PEM (the CERTIFICATE block is not base64)",
                failure(Tls.pem(notBase64, rsa.keyFile())));
        Path garbage = write("garbage.pem", "-----BEGIN CERTIFICATE-----\nAAAA\n-----END CERTIFICATE-----\n");
        assertEquals("TLS certificate file " + garbage + ": certificate 1 is not a valid X.509 certificate",
                failure(Tls.pem(garbage, rsa.keyFile())));
    }

    @Test
    void noCertificateInTheCertificateFile() {
        // the two files swapped, a classic
        assertEquals("TLS certificate file " + rsa.keyFile() + ": no certificate in the file (found PRIVATE KEY)",
                failure(Tls.pem(rsa.keyFile(), rsa.certificateFile())));
    }

    @Test
    void noKeyInTheKeyFile() {
        assertEquals("TLS private key file " + ec.certificateFile() + ": no private key in the file (found CERTIFICATE, CERTIFICATE)",
                failure(Tls.pem(rsa.certificateFile(), ec.certificateFile())));
    }

    @Test
    void pkcs1AndSec1KeysGetTheConversionCommand() throws IOException {
        Path pkcs1 = dir.resolve("pkcs1.key");
        TestCertificates.writeTraditional(pkcs1, rsa.key());
        assertEquals("TLS private key file " + pkcs1 + ": \"RSA PRIVATE KEY\" is the PKCS#1 format, Wisp needs PKCS#8 (\"PRIVATE KEY\");"
                + " convert it with: openssl pkcs8 -topk8 -nocrypt -in " + pkcs1 + " -out key.pkcs8.pem",
                failure(Tls.pem(rsa.certificateFile(), pkcs1)));
        Path sec1 = dir.resolve("sec1.key");
        TestCertificates.writeTraditional(sec1, ec.key());
        assertEquals("TLS private key file " + sec1 + ": \"EC PRIVATE KEY\" is the SEC1 format, Wisp needs PKCS#8 (\"PRIVATE KEY\");"
                + " convert it with: openssl pkcs8 -topk8 -nocrypt -in " + sec1 + " -out key.pkcs8.pem",
                failure(Tls.pem(ec.certificateFile(), sec1)));
    }

    @Test
    void encryptedKeysGetTheDecryptionCommand() throws IOException {
        Path encrypted = dir.resolve("encrypted.key");
        TestCertificates.writeEncryptedPkcs8(encrypted, rsa.key());
        assertEquals("TLS private key file " + encrypted + ": the key is encrypted, Wisp needs it unencrypted;"
                + " convert it with: openssl pkcs8 -topk8 -nocrypt -in " + encrypted + " -out key.pkcs8.pem",
                failure(Tls.pem(rsa.certificateFile(), encrypted)));
        // OpenSSL's legacy form: "RSA PRIVATE KEY" with Proc-Type/DEK-Info headers
        Path legacy = write("legacy.key", "-----BEGIN RSA PRIVATE KEY-----\nProc-Type: 4,ENCRYPTED\n"
                + "DEK-Info: AES-128-CBC,00112233445566778899AABBCCDDEEFF\n\nAAAA\n-----END RSA PRIVATE KEY-----\n");
        assertEquals("TLS private key file " + legacy + ": the key is encrypted, Wisp needs it unencrypted;"
                + " convert it with: openssl pkcs8 -topk8 -nocrypt -in " + legacy + " -out key.pkcs8.pem",
                failure(Tls.pem(rsa.certificateFile(), legacy)));
    }

    @Test
    void keyThatDoesNotMatchTheCertificate() {
        TestCertificates.Issued other = certs.serverEc("other");
        assertEquals("TLS private key file " + other.keyFile() + ": does not match the certificate in " + ec.certificateFile()
                + " (the first certificate must be the server's own)", failure(Tls.pem(ec.certificateFile(), other.keyFile())));
        assertEquals("TLS private key file " + ec.keyFile() + ": does not match the certificate in " + rsa.certificateFile()
                + " (the first certificate must be the server's own)", failure(Tls.pem(rsa.certificateFile(), ec.keyFile())));
    }

    @Test
    void chainInTheWrongOrder() throws IOException {
        Path reversed = dir.resolve("reversed.pem");
        TestCertificates.writePem(reversed, certs.ca(), rsa.certificate());
        assertEquals("TLS private key file " + rsa.keyFile() + ": does not match the certificate in " + reversed
                + " (the first certificate must be the server's own)", failure(Tls.pem(reversed, rsa.keyFile())));
    }

    @Test
    void keystoreProblems() throws Exception {
        assertEquals("TLS keystore " + rsa.pkcs12File() + ": wrong password", failure(Tls.pkcs12(rsa.pkcs12File(), "wrong")));
        Path notPkcs12 = rsa.certificateFile();
        assertTrue(failure(Tls.pkcs12(notPkcs12, "x")).startsWith("TLS keystore " + notPkcs12 + ": not a PKCS#12 keystore ("));

        Path certsOnly = dir.resolve("certs-only.p12");
        KeyStore store = KeyStore.getInstance("PKCS12");
        store.load(null, null);
        store.setCertificateEntry("ca", certs.ca());
        try (OutputStream out = Files.newOutputStream(certsOnly)) {
            store.store(out, "pw".toCharArray());
        }
        assertEquals("TLS keystore " + certsOnly + ": no private key entry in the keystore", failure(Tls.pkcs12(certsOnly, "pw")));

        Path mismatched = dir.resolve("mismatched.p12");
        TestCertificates.writePkcs12(mismatched, "pw", ec.key(), rsa.certificate());
        assertEquals("TLS keystore " + mismatched + ": the private key of entry 'server' does not match its certificate",
                failure(Tls.pkcs12(mismatched, "pw")));
    }

    @Test
    void emptyTrustBundle() throws IOException {
        Path comments = write("trust.pem", "# no CA yet\n");
        Tls tls = Tls.pem(rsa.certificateFile(), rsa.keyFile()).withClientAuth(Tls.ClientAuth.REQUEST, comments);
        assertEquals("TLS trust file " + comments + ": not PEM (no -----BEGIN CERTIFICATE----- line)", failure(tls));
        assertEquals("TLS trust file " + rsa.keyFile() + ": no certificate in the file (found PRIVATE KEY)",
                failure(tls.withClientAuth(Tls.ClientAuth.REQUIRE, rsa.keyFile())));
    }

    @Test
    void messagesAreOneLine() throws IOException {
        Path nowhere = dir.resolve("nowhere");
        Path encrypted = dir.resolve("enc.key");
        TestCertificates.writeEncryptedPkcs8(encrypted, rsa.key());
        for (Tls tls : new Tls[] {Tls.pem(nowhere, nowhere), Tls.pem(rsa.certificateFile(), encrypted),
                                  Tls.pkcs12(rsa.pkcs12File(), "wrong"), Tls.pkcs12(rsa.certificateFile(), "")}) {
            String message = failure(tls);
            assertFalse(message.contains("\n") || message.contains("\r"), message);
        }
    }

    @Test
    void acceptsExplanatoryTextCrlfAndIndentationAroundPemBlocks() throws IOException {
        String pem = Files.readString(rsa.certificateFile());
        Path annotated = write("annotated.pem", ("subject=CN = rsa\nissuer=CN = Wisp Test CA\n" + pem.replace("\n", "\r\n  ")));
        ServerTls tls = ServerTls.create(Tls.pem(annotated, rsa.keyFile()), false);
        assertEquals(rsa.certificate(), tls.certificate());
    }

    // The record itself: impossible combinations fail when it is built.

    @Test
    void theRecordRefusesImpossibleCombinations() {
        Path p = dir.resolve("x");
        assertEquals("Tls: set either certificateFile and privateKeyFile, or keyStoreFile, not both",
                assertThrows(IllegalArgumentException.class, () -> new Tls(p, p, p, "pw", Tls.ClientAuth.NONE, null,
                        Tls.DEFAULT_RELOAD_INTERVAL)).getMessage());
        assertEquals("Tls: certificateFile and privateKeyFile go together; both are required",
                assertThrows(IllegalArgumentException.class, () -> new Tls(p, null, null, null, Tls.ClientAuth.NONE, null,
                        Tls.DEFAULT_RELOAD_INTERVAL)).getMessage());
        assertEquals("Tls: clientAuth REQUIRE needs a trustFile (PEM CA bundle)",
                assertThrows(IllegalArgumentException.class,
                        () -> Tls.pem(p, p).withClientAuth(Tls.ClientAuth.REQUIRE, null)).getMessage());
        assertEquals("Tls: reloadInterval must be positive, got PT0S",
                assertThrows(IllegalArgumentException.class, () -> Tls.pem(p, p).withReloadInterval(Duration.ZERO)).getMessage());
    }

    @Test
    void theRecordHasDocumentedDefaultsAndHidesThePassword() {
        Path p = dir.resolve("x");
        Tls tls = Tls.pkcs12(p, "s3cret");
        assertEquals(Duration.ofSeconds(10), tls.reloadInterval());
        assertEquals(Tls.ClientAuth.NONE, tls.clientAuth());
        assertFalse(tls.toString().contains("s3cret"), tls.toString());
    }
}
