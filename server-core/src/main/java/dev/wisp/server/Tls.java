package dev.wisp.server;

import java.nio.file.Path;
import java.time.Duration;
import java.util.Objects;

/**
 * Serve HTTPS: where the certificate and private key are, whether clients must present a
 * certificate, and how often the files are checked for a renewal. Start from
 * {@link #pem(Path, Path)} or {@link #pkcs12(Path, String)} and change what you need:
 * {@code Tls.pem(cert, key).withClientAuth(Tls.ClientAuth.REQUIRE, caBundle)}.
 *
 * <p>The record only holds paths; nothing is read until the server starts. A configuration that
 * cannot be loaded then (a missing or unreadable file, a file that is not PEM, no certificate, a
 * key that does not match the certificate, a wrong keystore password, an empty trust bundle)
 * fails the start with a {@link TlsConfigException} whose message is one line naming the file and
 * the problem.
 *
 * <p>Exactly one key source is set: either {@code certificateFile} and {@code privateKeyFile}, or
 * {@code keyStoreFile} (with its password).
 *
 * @param certificateFile  PEM file with the certificate chain, the server's own certificate first
 *                         (e.g. certbot's {@code fullchain.pem}); null with a keystore
 * @param privateKeyFile   PEM file with the matching PKCS#8 {@code PRIVATE KEY}, RSA or EC,
 *                         unencrypted (e.g. certbot's {@code privkey.pem}); null with a keystore
 * @param keyStoreFile     a PKCS#12 file with one private key entry and its certificate chain;
 *                         null with PEM files
 * @param keyStorePassword the PKCS#12 password (also used for the key entry); null with PEM files.
 *                         Not shown by {@link #toString()}
 * @param clientAuth       whether clients are asked for a certificate; default {@link ClientAuth#NONE}
 * @param trustFile        PEM bundle of the CA certificates that client certificates must chain to;
 *                         required unless {@code clientAuth} is {@code NONE}, else null
 * @param reloadInterval   at most how often the key files are checked for a change; default 10 s.
 *                         A renewed certificate is in service for new handshakes within this time
 *                         of the first handshake after it appears on disk
 */
public record Tls(Path certificateFile, Path privateKeyFile, Path keyStoreFile, String keyStorePassword,
                  ClientAuth clientAuth, Path trustFile, Duration reloadInterval) {

    /** The default {@link #reloadInterval()}: 10 seconds. */
    public static final Duration DEFAULT_RELOAD_INTERVAL = Duration.ofSeconds(10);

    /** Whether the server asks the client for a certificate (TLS CertificateRequest). */
    public enum ClientAuth {
        /** Do not ask. {@link TlsInfo#peerCertificates()} is empty. */
        NONE,
        /** Ask; a client without a certificate is served, one with an untrusted certificate is refused. */
        REQUEST,
        /** Ask and refuse the handshake unless the client presents a certificate that chains to the trust bundle. */
        REQUIRE
    }

    public Tls {
        boolean pem = certificateFile != null || privateKeyFile != null;
        if (pem && keyStoreFile != null) {
            throw new IllegalArgumentException("Tls: set either certificateFile and privateKeyFile, or keyStoreFile, not both");
        }
        if (pem && (certificateFile == null || privateKeyFile == null)) {
            throw new IllegalArgumentException("Tls: certificateFile and privateKeyFile go together; both are required");
        }
        if (!pem && keyStoreFile == null) {
            throw new IllegalArgumentException("Tls: set certificateFile and privateKeyFile, or keyStoreFile");
        }
        if (keyStoreFile != null) {
            Objects.requireNonNull(keyStorePassword, "keyStorePassword (use \"\" for none)");
        } else if (keyStorePassword != null) {
            throw new IllegalArgumentException("Tls: keyStorePassword is only for a keyStoreFile");
        }
        Objects.requireNonNull(clientAuth, "clientAuth");
        if (clientAuth != ClientAuth.NONE && trustFile == null) {
            throw new IllegalArgumentException("Tls: clientAuth " + clientAuth + " needs a trustFile (PEM CA bundle)");
        }
        Objects.requireNonNull(reloadInterval, "reloadInterval");
        if (reloadInterval.isNegative() || reloadInterval.isZero()) {
            throw new IllegalArgumentException("Tls: reloadInterval must be positive, got " + reloadInterval);
        }
    }

    /** A PEM certificate chain and a PEM PKCS#8 private key (RSA or EC). */
    public static Tls pem(Path certificateFile, Path privateKeyFile) {
        return new Tls(Objects.requireNonNull(certificateFile, "certificateFile"),
                Objects.requireNonNull(privateKeyFile, "privateKeyFile"), null, null,
                ClientAuth.NONE, null, DEFAULT_RELOAD_INTERVAL);
    }

    /** A PKCS#12 keystore holding one private key entry and its certificate chain. */
    public static Tls pkcs12(Path keyStoreFile, String password) {
        return new Tls(null, null, Objects.requireNonNull(keyStoreFile, "keyStoreFile"),
                Objects.requireNonNull(password, "password"), ClientAuth.NONE, null, DEFAULT_RELOAD_INTERVAL);
    }

    /** Ask clients for a certificate that chains to one of the CA certificates in {@code trustFile} (PEM). */
    public Tls withClientAuth(ClientAuth clientAuth, Path trustFile) {
        return new Tls(certificateFile, privateKeyFile, keyStoreFile, keyStorePassword, clientAuth,
                clientAuth == ClientAuth.NONE ? null : trustFile, reloadInterval);
    }

    public Tls withReloadInterval(Duration reloadInterval) {
        return new Tls(certificateFile, privateKeyFile, keyStoreFile, keyStorePassword, clientAuth, trustFile,
                reloadInterval);
    }

    /** Whether the key comes from a PKCS#12 keystore rather than PEM files. */
    public boolean usesKeyStore() {
        return keyStoreFile != null;
    }

    @Override
    public String toString() {
        return "Tls[" + (usesKeyStore() ? "keyStoreFile=" + keyStoreFile + ", keyStorePassword=***"
                : "certificateFile=" + certificateFile + ", privateKeyFile=" + privateKeyFile)
                + ", clientAuth=" + clientAuth + (trustFile == null ? "" : ", trustFile=" + trustFile)
                + ", reloadInterval=" + reloadInterval + "]";
    }
}
