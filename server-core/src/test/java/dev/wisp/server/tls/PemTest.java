package dev.wisp.server.tls;

import dev.wisp.server.TlsConfigException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The PEM reader (RFC 7468) on its own: blocks, labels, text around them, headers, errors. */
@Timeout(value = 10, unit = TimeUnit.SECONDS)
class PemTest {
    private static final TlsFile FILE = new TlsFile("certificate file", Path.of("/etc/wisp/cert.pem"));

    private static List<Pem.Block> parse(String text) {
        return Pem.parse(text.getBytes(StandardCharsets.ISO_8859_1), FILE);
    }

    @Test
    void readsBlocksInOrderWithTheirLabelsAndBytes() {
        List<Pem.Block> blocks = parse("""
                -----BEGIN CERTIFICATE-----
                AQID
                -----END CERTIFICATE-----
                -----BEGIN PRIVATE KEY-----
                BAUG
                BwgJ
                -----END PRIVATE KEY-----
                """);
        assertEquals(List.of("CERTIFICATE", "PRIVATE KEY"), blocks.stream().map(Pem.Block::label).toList());
        assertArrayEquals(new byte[] {1, 2, 3}, blocks.get(0).der());
        assertArrayEquals(new byte[] {4, 5, 6, 7, 8, 9}, blocks.get(1).der());
        assertFalse(blocks.get(0).hasHeaders());
    }

    @Test
    void ignoresTextBetweenBlocksCrlfAndIndentation() {
        // RFC 7468 §2: explanatory text is allowed around blocks; §3 lax parsing: whitespace
        List<Pem.Block> blocks = parse("Bag Attributes\r\n  subject=/CN=x\r\n  -----BEGIN CERTIFICATE-----  \r\n"
                + "  AQ ID\t\r\n-----END CERTIFICATE-----\r\ntrailing words");
        assertEquals(1, blocks.size());
        assertArrayEquals(new byte[] {1, 2, 3}, blocks.getFirst().der());
    }

    @Test
    void findsNoBlocksInTextThatIsNotPem() {
        assertEquals(List.of(), parse("hello\n-----BEGIN -----\n-----END CERTIFICATE-----\n"));
        assertEquals(List.of(), parse("\u0030\u0082\u0001"));
    }

    @Test
    void notesRfc1421HeadersAsInLegacyEncryptedKeys() {
        List<Pem.Block> blocks = parse("-----BEGIN RSA PRIVATE KEY-----\nProc-Type: 4,ENCRYPTED\nDEK-Info: AES-128-CBC,00\n\nAQID\n"
                + "-----END RSA PRIVATE KEY-----\n");
        assertTrue(blocks.getFirst().hasHeaders());
        assertArrayEquals(new byte[] {1, 2, 3}, blocks.getFirst().der());
    }

    @Test
    void rejectsUnterminatedMismatchedAndNonBase64Blocks() {
        assertEquals("TLS certificate file /etc/wisp/cert.pem: not valid PEM (BEGIN CERTIFICATE has no END line)",
                assertThrows(TlsConfigException.class, () -> parse("-----BEGIN CERTIFICATE-----\nAQID\n")).getMessage());
        assertEquals("TLS certificate file /etc/wisp/cert.pem: not valid PEM (BEGIN CERTIFICATE is closed by -----END X-----)",
                assertThrows(TlsConfigException.class,
                        () -> parse("-----BEGIN CERTIFICATE-----\nAQID\n-----END X-----\n")).getMessage());
        assertEquals("TLS certificate file /etc/wisp/cert.pem: not valid PEM (the CERTIFICATE block is not base64)",
                assertThrows(TlsConfigException.class,
                        () -> parse("-----BEGIN CERTIFICATE-----\nAQI=D\n-----END CERTIFICATE-----\n")).getMessage());
    }
}
