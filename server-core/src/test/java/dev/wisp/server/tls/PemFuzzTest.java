package dev.wisp.server.tls;

import com.code_intelligence.jazzer.junit.FuzzTest;
import dev.wisp.server.TlsConfigException;
import org.junit.jupiter.api.Timeout;

import java.nio.file.Path;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Fuzzes the PEM, certificate and key readers ({@link Pem#parse}, {@link KeyMaterial#certificates},
 * {@link KeyMaterial#privateKey}) with arbitrary file contents. Acceptable outcomes: certificates,
 * a key, or a one-line {@link TlsConfigException} naming the file; anything else escaping (an
 * {@code IllegalArgumentException} from base64, a {@code ClassCastException}, an {@code Error})
 * is a finding. The files are configuration, not network input, but a renewal can leave any bytes
 * in them and the server must then log and carry on. Seed corpus (public certificates only, no
 * keys) under {@code src/test/resources/dev/wisp/server/tls/PemFuzzTestInputs/}; how to fuzz for
 * real is in {@code http1.FuzzSupport}.
 */
@Timeout(value = 10, unit = TimeUnit.SECONDS)
class PemFuzzTest {
    private static final TlsFile CERT = new TlsFile("certificate file", Path.of("cert.pem"));
    private static final TlsFile KEY = new TlsFile("private key file", Path.of("key.pem"));

    @FuzzTest(maxDuration = "15s")
    void readsCertificatesAndKeysOrRejectsThemInOneLine(byte[] data) {
        try {
            assertFalse(KeyMaterial.certificates(CERT, data).isEmpty());
        } catch (TlsConfigException e) {
            assertOneLine(e, "TLS certificate file cert.pem: ");
        }
        try {
            assertTrue(KeyMaterial.privateKey(KEY, data).getAlgorithm().matches("RSA|EC"));
        } catch (TlsConfigException e) {
            assertOneLine(e, "TLS private key file key.pem: ");
        }
    }

    private static void assertOneLine(TlsConfigException e, String prefix) {
        assertTrue(e.getMessage().startsWith(prefix), e.getMessage());
        assertFalse(e.getMessage().contains("\n"), e.getMessage());
    }
}
