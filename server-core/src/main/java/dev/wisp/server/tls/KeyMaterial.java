package dev.wisp.server.tls;

import dev.wisp.server.Tls;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.Key;
import java.security.KeyFactory;
import java.security.KeyStore;
import java.security.PrivateKey;
import java.security.Signature;
import java.security.UnrecoverableKeyException;
import java.security.cert.Certificate;
import java.security.cert.CertificateException;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.security.spec.InvalidKeySpecException;
import java.security.spec.PKCS8EncodedKeySpec;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

/**
 * A private key and its certificate chain (own certificate first), checked to belong together.
 * Immutable. Loaded from the bytes of PEM files or a PKCS#12 keystore; every failure is a one-line
 * {@link dev.wisp.server.TlsConfigException} naming the file.
 *
 * @param key   RSA or EC
 * @param chain at least one certificate; {@code chain.get(0)} holds the key's public half
 */
record KeyMaterial(PrivateKey key, List<X509Certificate> chain) {

    KeyMaterial {
        chain = List.copyOf(chain);
    }

    /** The server's own certificate. */
    X509Certificate leaf() {
        return chain.getFirst();
    }

    /** Loads what {@code tls} names from the given file contents (read by the caller, so a reload parses exactly what it compared). */
    static KeyMaterial load(Tls tls, List<byte[]> contents) {
        if (tls.usesKeyStore()) {
            return fromPkcs12(new TlsFile("keystore", tls.keyStoreFile()), contents.getFirst(), tls.keyStorePassword());
        }
        TlsFile certFile = new TlsFile("certificate file", tls.certificateFile());
        TlsFile keyFile = new TlsFile("private key file", tls.privateKeyFile());
        List<X509Certificate> chain = certificates(certFile, contents.get(0));
        PrivateKey key = privateKey(keyFile, contents.get(1));
        if (!matches(key, chain.getFirst())) {
            throw keyFile.problem("does not match the certificate in " + certFile.path()
                    + " (the first certificate must be the server's own)");
        }
        return new KeyMaterial(key, chain);
    }

    /** The files {@code tls} loads its key material from, in the order {@link #load} expects their contents. */
    static List<TlsFile> files(Tls tls) {
        return tls.usesKeyStore()
                ? List.of(new TlsFile("keystore", tls.keyStoreFile()))
                : List.of(new TlsFile("certificate file", tls.certificateFile()),
                          new TlsFile("private key file", tls.privateKeyFile()));
    }

    /** Every CERTIFICATE block of a PEM file, in order; at least one. */
    static List<X509Certificate> certificates(TlsFile file, byte[] bytes) {
        List<Pem.Block> blocks = Pem.parse(bytes, file);
        if (blocks.isEmpty()) {
            throw file.problem("not PEM (no -----BEGIN CERTIFICATE----- line)");
        }
        List<X509Certificate> certs = new ArrayList<>();
        try {
            CertificateFactory factory = CertificateFactory.getInstance("X.509");
            for (Pem.Block block : blocks) {
                if (block.label().equals("CERTIFICATE")) {
                    try {
                        certs.add((X509Certificate) factory.generateCertificate(new ByteArrayInputStream(block.der())));
                    } catch (CertificateException e) {
                        throw file.problem("certificate " + (certs.size() + 1) + " is not a valid X.509 certificate", e);
                    }
                }
            }
        } catch (CertificateException e) {
            throw new IllegalStateException("the JDK has no X.509 certificate factory", e);
        }
        if (certs.isEmpty()) {
            throw file.problem("no certificate in the file (found " + labels(blocks) + ")");
        }
        return certs;
    }

    /** The one unencrypted PKCS#8 key of a PEM file, RSA or EC. */
    static PrivateKey privateKey(TlsFile file, byte[] bytes) {
        List<Pem.Block> blocks = Pem.parse(bytes, file);
        if (blocks.isEmpty()) {
            throw file.problem("not PEM (no -----BEGIN PRIVATE KEY----- line)");
        }
        String convert = "; convert it with: openssl pkcs8 -topk8 -nocrypt -in " + file.path() + " -out key.pkcs8.pem";
        for (Pem.Block block : blocks) {
            switch (block.label()) {
                case "PRIVATE KEY" -> {
                    return decodePkcs8(file, block.der());
                }
                case "ENCRYPTED PRIVATE KEY" -> throw file.problem("the key is encrypted, Wisp needs it unencrypted" + convert);
                case "RSA PRIVATE KEY", "EC PRIVATE KEY" -> throw file.problem(block.hasHeaders()
                        ? "the key is encrypted, Wisp needs it unencrypted" + convert
                        : "\"" + block.label() + "\" is the " + (block.label().startsWith("RSA") ? "PKCS#1" : "SEC1")
                          + " format, Wisp needs PKCS#8 (\"PRIVATE KEY\")" + convert);
                default -> { }
            }
        }
        throw file.problem("no private key in the file (found " + labels(blocks) + ")");
    }

    private static PrivateKey decodePkcs8(TlsFile file, byte[] der) {
        for (String algorithm : List.of("RSA", "EC")) {
            try {
                return KeyFactory.getInstance(algorithm).generatePrivate(new PKCS8EncodedKeySpec(der));
            } catch (InvalidKeySpecException | ClassCastException e) {
                // not this algorithm (the PKCS#8 AlgorithmIdentifier names another); try the next
            } catch (GeneralSecurityException e) {
                throw new IllegalStateException("the JDK has no " + algorithm + " key factory", e);
            }
        }
        throw file.problem("not an RSA or EC private key in PKCS#8 form");
    }

    /** A PKCS#12 keystore with exactly one private key entry that has a certificate chain. */
    static KeyMaterial fromPkcs12(TlsFile file, byte[] bytes, String password) {
        char[] pass = password.toCharArray();
        KeyStore store;
        try {
            store = KeyStore.getInstance("PKCS12");
            store.load(new ByteArrayInputStream(bytes), pass);
        } catch (IOException e) {
            if (e.getCause() instanceof UnrecoverableKeyException) {
                throw file.problem("wrong password");
            }
            throw file.problem("not a PKCS#12 keystore (" + e.getMessage() + ")");
        } catch (GeneralSecurityException e) {
            throw file.problem("cannot be loaded as PKCS#12 (" + e.getMessage() + ")");
        }
        try {
            List<String> keyAliases = new ArrayList<>();
            for (String alias : Collections.list(store.aliases())) {
                if (store.isKeyEntry(alias)) {
                    keyAliases.add(alias);
                }
            }
            if (keyAliases.isEmpty()) {
                throw file.problem("no private key entry in the keystore");
            }
            if (keyAliases.size() > 1) {
                throw file.problem("more than one private key entry " + keyAliases + "; keep only the server's");
            }
            String alias = keyAliases.getFirst();
            Key key = store.getKey(alias, pass);
            Certificate[] certs = store.getCertificateChain(alias);
            if (!(key instanceof PrivateKey privateKey)) {
                throw file.problem("entry '" + alias + "' is not a private key");
            }
            if (certs == null || certs.length == 0) {
                throw file.problem("no certificate in the keystore for entry '" + alias + "'");
            }
            List<X509Certificate> chain = new ArrayList<>();
            for (Certificate cert : certs) {
                chain.add((X509Certificate) cert);
            }
            if (!matches(privateKey, chain.getFirst())) {
                throw file.problem("the private key of entry '" + alias + "' does not match its certificate");
            }
            return new KeyMaterial(privateKey, chain);
        } catch (UnrecoverableKeyException e) {
            throw file.problem("the key entry has a different password than the keystore; Wisp uses one password for both");
        } catch (GeneralSecurityException e) {
            throw file.problem("cannot be read as PKCS#12 (" + e.getMessage() + ")");
        }
    }

    /**
     * Whether {@code key} is the private half of {@code cert}'s public key: same algorithm, and a
     * signature made with the key verifies with the certificate. This is exact for RSA and EC
     * alike (the JDK offers no public way to derive an EC public key from the private one) and
     * runs only when a key is loaded.
     */
    static boolean matches(PrivateKey key, X509Certificate cert) {
        if (!key.getAlgorithm().equals(cert.getPublicKey().getAlgorithm())) {
            return false;
        }
        String algorithm = key.getAlgorithm().equals("RSA") ? "SHA256withRSA" : "SHA256withECDSA";
        byte[] probe = "wisp key/certificate match check".getBytes(StandardCharsets.US_ASCII);
        try {
            Signature signer = Signature.getInstance(algorithm);
            signer.initSign(key);
            signer.update(probe);
            byte[] signature = signer.sign();
            Signature verifier = Signature.getInstance(algorithm);
            verifier.initVerify(cert.getPublicKey());
            verifier.update(probe);
            return verifier.verify(signature);
        } catch (GeneralSecurityException e) {
            return false;  // e.g. an EC key on another curve than the certificate's
        }
    }

    /** Serial number as colon-free lower-case hex, as {@code openssl x509 -serial} prints it (for logs). */
    static String serial(X509Certificate cert) {
        BigInteger serial = cert.getSerialNumber();
        return serial.toString(16);
    }

    private static String labels(List<Pem.Block> blocks) {
        StringBuilder sb = new StringBuilder();
        for (Pem.Block block : blocks) {
            sb.append(sb.isEmpty() ? "" : ", ").append(block.label());
        }
        return sb.toString();
    }
}
