package dev.wisp.server.tls;

import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.asn1.x509.BasicConstraints;
import org.bouncycastle.asn1.x509.ExtendedKeyUsage;
import org.bouncycastle.asn1.x509.Extension;
import org.bouncycastle.asn1.x509.GeneralName;
import org.bouncycastle.asn1.x509.GeneralNames;
import org.bouncycastle.asn1.x509.KeyPurposeId;
import org.bouncycastle.asn1.x509.KeyUsage;
import org.bouncycastle.cert.X509v3CertificateBuilder;
import org.bouncycastle.cert.jcajce.JcaX509CertificateConverter;
import org.bouncycastle.cert.jcajce.JcaX509ExtensionUtils;
import org.bouncycastle.cert.jcajce.JcaX509v3CertificateBuilder;
import org.bouncycastle.jce.provider.BouncyCastleProvider;
import org.bouncycastle.openssl.jcajce.JcaPEMWriter;
import org.bouncycastle.openssl.jcajce.JcaPKCS8Generator;
import org.bouncycastle.openssl.jcajce.JceOpenSSLPKCS8EncryptorBuilder;
import org.bouncycastle.operator.jcajce.JcaContentSignerBuilder;

import javax.net.ssl.KeyManager;
import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManagerFactory;
import javax.net.ssl.X509ExtendedKeyManager;
import java.io.IOException;
import java.io.OutputStream;
import java.io.StringWriter;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.KeyStore;
import java.security.PrivateKey;
import java.security.cert.X509Certificate;
import java.security.spec.ECGenParameterSpec;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.Date;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Certificates made at test time, never checked in: a throw-away CA (EC P-256) and server or
 * client certificates it signs, written as PEM files and PKCS#12 keystores into a directory
 * (a JUnit {@code @TempDir}). Server certificates name {@code localhost} and {@code 127.0.0.1}
 * (subjectAltName). Every certificate has its own serial number, so a test can tell a renewed
 * certificate from the old one.
 *
 * <pre>{@code
 * TestCertificates certs = TestCertificates.create(tempDir);
 * TestCertificates.Issued server = certs.serverRsa("server");     // server.pem, server.key, server.p12
 * Tls tls = Tls.pem(server.certificateFile(), server.keyFile());
 * SSLContext client = certs.clientContext(null);                  // trusts the CA, no client certificate
 * }</pre>
 */
public final class TestCertificates {

    /** The password of every PKCS#12 file written here. */
    public static final String PASSWORD = "changeit";

    private static final AtomicLong SERIALS = new AtomicLong(System.nanoTime() & 0xFFFF_FFFFL);

    /**
     * A certificate (signed by this CA) with its key, and where they were written.
     *
     * @param certificateFile PEM: the certificate, then the CA certificate (like certbot's fullchain.pem)
     * @param keyFile         PEM: the PKCS#8 private key
     * @param pkcs12File      PKCS#12 with one key entry, password {@link #PASSWORD}
     */
    public record Issued(X509Certificate certificate, PrivateKey key, List<X509Certificate> chain,
                         Path certificateFile, Path keyFile, Path pkcs12File) {
        /** The serial number, as {@code ServerTls} logs it. */
        public String serial() {
            return certificate.getSerialNumber().toString(16);
        }
    }

    private final Path dir;
    private final KeyPair caKeys;
    private final X509Certificate ca;
    private final Path caFile;

    private TestCertificates(Path dir, KeyPair caKeys, X509Certificate ca, Path caFile) {
        this.dir = dir;
        this.caKeys = caKeys;
        this.ca = ca;
        this.caFile = caFile;
    }

    /** A new CA, its certificate written to {@code dir/ca.pem}. */
    public static TestCertificates create(Path dir) {
        try {
            KeyPair keys = ecKeys();
            X500Name name = new X500Name("CN=Wisp Test CA " + SERIALS.incrementAndGet());
            X509v3CertificateBuilder builder = builder(name, name, keys, Duration.ofDays(2));
            builder.addExtension(Extension.basicConstraints, true, new BasicConstraints(true));
            builder.addExtension(Extension.keyUsage, true, new KeyUsage(KeyUsage.keyCertSign | KeyUsage.cRLSign));
            X509Certificate ca = sign(builder, keys.getPrivate());
            Path caFile = dir.resolve("ca.pem");
            writePem(caFile, ca);
            return new TestCertificates(dir, keys, ca, caFile);
        } catch (GeneralSecurityException | IOException e) {
            throw new IllegalStateException(e);
        }
    }

    public X509Certificate ca() {
        return ca;
    }

    /** PEM file holding the CA certificate: a server's trust bundle for client certificates, or a client's trust. */
    public Path caFile() {
        return caFile;
    }

    /** A server certificate with an RSA 2048 key, files {@code name.pem}, {@code name.key}, {@code name.p12}. */
    public Issued serverRsa(String name) {
        return issue(name, rsaKeys(), KeyPurposeId.id_kp_serverAuth, Duration.ofDays(1));
    }

    /** A server certificate with an EC P-256 key. */
    public Issued serverEc(String name) {
        return issue(name, ecKeys(), KeyPurposeId.id_kp_serverAuth, Duration.ofDays(1));
    }

    /** A client certificate (EC P-256) for mutual TLS, subject {@code CN=name}. */
    public Issued client(String name) {
        return issue(name, ecKeys(), KeyPurposeId.id_kp_clientAuth, Duration.ofDays(1));
    }

    /**
     * A client context that trusts this CA (and checks the server's name, as HTTPS clients do:
     * connect to {@code localhost}), presenting {@code clientCertificate} when not null — always,
     * even one issued by another {@code TestCertificates} (a client the server must refuse).
     */
    public SSLContext clientContext(Issued clientCertificate) {
        try {
            KeyStore trust = KeyStore.getInstance("PKCS12");
            trust.load(null, null);
            trust.setCertificateEntry("ca", ca);
            TrustManagerFactory tmf = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
            tmf.init(trust);
            KeyManagerFactory kmf = null;
            if (clientCertificate != null) {
                KeyStore keys = KeyStore.getInstance("PKCS12");
                keys.load(null, null);
                keys.setKeyEntry("client", clientCertificate.key(), PASSWORD.toCharArray(),
                        clientCertificate.chain().toArray(X509Certificate[]::new));
                kmf = KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
                kmf.init(keys, PASSWORD.toCharArray());
            }
            SSLContext context = SSLContext.getInstance("TLS");
            context.init(kmf == null ? null : new KeyManager[] {new AlwaysPresentKeyManager((X509ExtendedKeyManager) kmf.getKeyManagers()[0])},
                    tmf.getTrustManagers(), null);
            return context;
        } catch (GeneralSecurityException | IOException e) {
            throw new IllegalStateException(e);
        }
    }

    /** Writes certificates as PEM {@code CERTIFICATE} blocks, in order. */
    public static void writePem(Path file, X509Certificate... certificates) throws IOException {
        StringBuilder pem = new StringBuilder();
        for (X509Certificate cert : certificates) {
            try {
                pem.append(pem("CERTIFICATE", cert.getEncoded()));
            } catch (GeneralSecurityException e) {
                throw new IllegalStateException(e);
            }
        }
        Files.writeString(file, pem, StandardCharsets.US_ASCII);
    }

    /** Writes a key as unencrypted PKCS#8 PEM ({@code PRIVATE KEY}), as Wisp expects it. */
    public static void writePkcs8(Path file, PrivateKey key) throws IOException {
        Files.writeString(file, pem("PRIVATE KEY", key.getEncoded()), StandardCharsets.US_ASCII);
    }

    /** Writes a key in OpenSSL's traditional form: PKCS#1 {@code RSA PRIVATE KEY} or SEC1 {@code EC PRIVATE KEY}. */
    public static void writeTraditional(Path file, PrivateKey key) throws IOException {
        StringWriter out = new StringWriter();
        try (JcaPEMWriter writer = new JcaPEMWriter(out)) {
            writer.writeObject(key);
        }
        Files.writeString(file, out.toString(), StandardCharsets.US_ASCII);
    }

    /** Writes a key as encrypted PKCS#8 ({@code ENCRYPTED PRIVATE KEY}) with password {@link #PASSWORD}. */
    public static void writeEncryptedPkcs8(Path file, PrivateKey key) throws IOException {
        StringWriter out = new StringWriter();
        try (JcaPEMWriter writer = new JcaPEMWriter(out)) {
            writer.writeObject(new JcaPKCS8Generator(key, new JceOpenSSLPKCS8EncryptorBuilder(
                    JcaPKCS8Generator.AES_256_CBC).setProvider(new BouncyCastleProvider()) // not installed JVM-wide
                    .setPassword(PASSWORD.toCharArray()).build()).generate());
        } catch (org.bouncycastle.operator.OperatorCreationException e) {
            throw new IllegalStateException(e);
        }
        Files.writeString(file, out.toString(), StandardCharsets.US_ASCII);
    }

    /** Writes a PKCS#12 keystore with one key entry ({@code alias}) holding {@code key} and {@code chain}. */
    public static void writePkcs12(Path file, String password, PrivateKey key, X509Certificate... chain) throws IOException {
        try (OutputStream out = Files.newOutputStream(file)) {
            KeyStore store = KeyStore.getInstance("PKCS12");
            store.load(null, null);
            store.setKeyEntry("server", key, password.toCharArray(), chain);
            store.store(out, password.toCharArray());
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    private Issued issue(String name, KeyPair keys, KeyPurposeId purpose, Duration validity) {
        try {
            X509v3CertificateBuilder builder = builder(X500Name.getInstance(ca.getSubjectX500Principal().getEncoded()),
                    new X500Name("CN=" + name), keys, validity);
            JcaX509ExtensionUtils utils = new JcaX509ExtensionUtils();
            builder.addExtension(Extension.authorityKeyIdentifier, false, utils.createAuthorityKeyIdentifier(ca));
            builder.addExtension(Extension.basicConstraints, true, new BasicConstraints(false));
            builder.addExtension(Extension.keyUsage, true, new KeyUsage(KeyUsage.digitalSignature | KeyUsage.keyEncipherment));
            builder.addExtension(Extension.extendedKeyUsage, false, new ExtendedKeyUsage(purpose));
            if (purpose == KeyPurposeId.id_kp_serverAuth) {
                builder.addExtension(Extension.subjectAlternativeName, false, new GeneralNames(new GeneralName[] {
                        new GeneralName(GeneralName.dNSName, "localhost"),
                        new GeneralName(GeneralName.iPAddress, "127.0.0.1")}));
            }
            X509Certificate cert = sign(builder, caKeys.getPrivate());
            Issued issued = new Issued(cert, keys.getPrivate(), List.of(cert, ca),
                    dir.resolve(name + ".pem"), dir.resolve(name + ".key"), dir.resolve(name + ".p12"));
            writePem(issued.certificateFile(), cert, ca);
            writePkcs8(issued.keyFile(), keys.getPrivate());
            writePkcs12(issued.pkcs12File(), PASSWORD, keys.getPrivate(), cert, ca);
            return issued;
        } catch (GeneralSecurityException | IOException e) {
            throw new IllegalStateException(e);
        }
    }

    private static X509v3CertificateBuilder builder(X500Name issuer, X500Name subject, KeyPair keys, Duration validity)
            throws GeneralSecurityException, IOException {
        Instant now = Instant.now();
        X509v3CertificateBuilder builder = new JcaX509v3CertificateBuilder(issuer,
                BigInteger.valueOf(SERIALS.incrementAndGet()), Date.from(now.minus(Duration.ofHours(1))),
                Date.from(now.plus(validity)), subject, keys.getPublic());
        builder.addExtension(Extension.subjectKeyIdentifier, false,
                new JcaX509ExtensionUtils().createSubjectKeyIdentifier(keys.getPublic()));
        return builder;
    }

    private static X509Certificate sign(X509v3CertificateBuilder builder, PrivateKey signer) throws GeneralSecurityException {
        try {
            return new JcaX509CertificateConverter().getCertificate(
                    builder.build(new JcaContentSignerBuilder("SHA256withECDSA").build(signer)));
        } catch (org.bouncycastle.operator.OperatorCreationException e) {
            throw new GeneralSecurityException(e);
        }
    }

    private static KeyPair rsaKeys() {
        try {
            KeyPairGenerator generator = KeyPairGenerator.getInstance("RSA");
            generator.initialize(2048);
            return generator.generateKeyPair();
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    private static KeyPair ecKeys() {
        try {
            KeyPairGenerator generator = KeyPairGenerator.getInstance("EC");
            generator.initialize(new ECGenParameterSpec("secp256r1"));
            return generator.generateKeyPair();
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    private static String pem(String label, byte[] der) {
        return "-----BEGIN " + label + "-----\n"
                + Base64.getMimeEncoder(64, new byte[] {'\n'}).encodeToString(der)
                + "\n-----END " + label + "-----\n";
    }
}
