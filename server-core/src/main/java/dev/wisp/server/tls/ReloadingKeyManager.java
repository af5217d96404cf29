package dev.wisp.server.tls;

import dev.wisp.server.Tls;
import dev.wisp.server.TlsConfigException;

import javax.net.ssl.SSLEngine;
import javax.net.ssl.X509ExtendedKeyManager;
import java.lang.System.Logger.Level;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.Principal;
import java.security.PrivateKey;
import java.security.cert.X509Certificate;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.LongSupplier;

/**
 * The server's key manager: serves the current key and certificate chain to every new handshake,
 * and swaps them when the files on disk change (certbot, cert-manager and friends replace them by
 * rename or symlink swap).
 *
 * <p><b>When files are checked.</b> {@link #maybeReload()} is called on the connection's own
 * thread before its handshake; at most once per {@code reloadInterval} (by a monotonic clock)
 * one caller reads the files and compares a SHA-256 of their bytes with what is in service; the
 * others carry on at once with the current key. Only a change in content is parsed. Content,
 * not the modification time, decides: a symlink swap (Kubernetes' {@code ..data}) can present
 * older times, and a renewal can keep them. The cost is reading a few KiB once per interval on
 * one handshake, and there is no thread to start or stop: a server that is closed simply stops
 * calling it. With no new connections nothing is checked, and nothing needs to be.
 *
 * <p><b>Half-written pairs.</b> A renewal writes two files, so a check can fall between them and
 * see a certificate without its key. Such content is not loaded and the old pair stays in
 * service; when the same content still fails on the next check it is logged once as
 * {@code tls.reload_failed file=... reason=...} (WARNING). A successful swap is logged once as
 * {@code tls.reloaded} (INFO).
 *
 * <p><b>Consistency.</b> Each loaded pair is a generation with its own alias
 * ({@code wisp-1}, {@code wisp-2}, ...). JSSE chooses an alias, then asks for its key and its
 * chain; the previous generation is kept, so a handshake that chose an alias just before a swap
 * still gets a key and chain that belong together. Open connections are never touched.
 *
 * <p>Thread-safe.
 */
final class ReloadingKeyManager extends X509ExtendedKeyManager {
    private static final System.Logger LOG = System.getLogger("dev.wisp.server");

    private record Generation(String alias, KeyMaterial material, byte[] digest) {
    }

    private final Tls tls;
    private final List<TlsFile> files;
    private final LongSupplier nanoClock;
    private final long intervalNanos;
    private final AtomicBoolean checking = new AtomicBoolean();
    private volatile long nextCheckNanos;
    private volatile Generation current;
    private volatile Generation previous;
    private int generations = 1;
    private byte[] failedDigest;      // guarded by this: content that failed to load at the last check
    private boolean failureLogged;    // guarded by this: whether failedDigest has been logged

    /** Loads the key material now; a {@link TlsConfigException} if it cannot be used. */
    ReloadingKeyManager(Tls tls, LongSupplier nanoClock) {
        this.tls = tls;
        this.files = KeyMaterial.files(tls);
        this.nanoClock = nanoClock;
        this.intervalNanos = tls.reloadInterval().toNanos();
        List<byte[]> contents = read();
        this.current = new Generation("wisp-1", KeyMaterial.load(tls, contents), digest(contents));
        this.nextCheckNanos = nanoClock.getAsLong() + intervalNanos;
    }

    /** The key material new handshakes get. */
    KeyMaterial current() {
        return current.material();
    }

    /** Checks the files if the interval has passed since the last check and no one else is checking. */
    void maybeReload() {
        if (nanoClock.getAsLong() - nextCheckNanos < 0 || !checking.compareAndSet(false, true)) {
            return;
        }
        try {
            checkNow();
        } finally {
            checking.set(false);
        }
    }

    /**
     * Reads the files now and swaps in their content if it changed and loads; returns whether a
     * new pair went into service. Never throws for bad files (they are logged as described above).
     */
    synchronized boolean checkNow() {
        nextCheckNanos = nanoClock.getAsLong() + intervalNanos;
        byte[] digest = null;
        KeyMaterial material;
        try {
            List<byte[]> contents = read();
            digest = digest(contents);
            if (Arrays.equals(digest, current.digest())) {
                failedDigest = null;
                return false;
            }
            material = KeyMaterial.load(tls, contents);
        } catch (TlsConfigException e) {
            // The same bytes failing twice (or the same file missing twice) is not a half-written pair.
            byte[] failed = digest != null ? digest : digestOfFailure(e);
            if (Arrays.equals(failed, failedDigest)) {
                if (!failureLogged) {
                    failureLogged = true;
                    LOG.log(Level.WARNING, "tls.reload_failed file={0} reason=\"{1}\" serving=serial:{2}",
                            fileOf(e), e.getMessage(), KeyMaterial.serial(current.material().leaf()));
                }
            } else {
                failedDigest = failed;
                failureLogged = false;  // may be half-written: look again next time before logging
            }
            return false;
        }
        failedDigest = null;
        previous = current;
        current = new Generation("wisp-" + (++generations), material, digest);
        X509Certificate leaf = material.leaf();
        LOG.log(Level.INFO, "tls.reloaded file={0} serial={1} not_after={2} subject=\"{3}\"",
                files.getFirst().path(), KeyMaterial.serial(leaf), leaf.getNotAfter().toInstant(),
                leaf.getSubjectX500Principal().getName());
        return true;
    }

    private List<byte[]> read() {
        List<byte[]> contents = new ArrayList<>(files.size());
        for (TlsFile file : files) {
            contents.add(file.read());
        }
        return contents;
    }

    private static byte[] digest(List<byte[]> contents) {
        MessageDigest sha = sha256();
        for (byte[] content : contents) {
            sha.update(content);
            sha.update((byte) 0);  // separator: (a, bc) and (ab, c) differ
            sha.update(Integer.toString(content.length).getBytes(StandardCharsets.US_ASCII));
        }
        return sha.digest();
    }

    /** A file that cannot be read is identified by the message, which names the file and the problem. */
    private static byte[] digestOfFailure(TlsConfigException e) {
        return sha256().digest(e.getMessage().getBytes(StandardCharsets.UTF_8));
    }

    private String fileOf(TlsConfigException e) {
        for (TlsFile file : files) {
            if (e.getMessage().contains(" " + file.path() + ":")) {
                return file.path().toString();
            }
        }
        return files.getFirst().path().toString();
    }

    private static MessageDigest sha256() {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every JDK has SHA-256", e);
        }
    }

    private Generation generation(String alias) {
        Generation now = current;
        if (now.alias().equals(alias)) {
            return now;
        }
        Generation before = previous;
        return before != null && before.alias().equals(alias) ? before : null;
    }

    private String alias(String keyType) {
        Generation now = current;
        // JSSE asks by key algorithm: "RSA" (also for rsa_pss_rsae_* schemes) or "EC".
        return keyType != null && keyType.equals(now.material().key().getAlgorithm()) ? now.alias() : null;
    }

    @Override
    public String chooseServerAlias(String keyType, Principal[] issuers, Socket socket) {
        return alias(keyType);
    }

    @Override
    public String chooseEngineServerAlias(String keyType, Principal[] issuers, SSLEngine engine) {
        return alias(keyType);
    }

    @Override
    public String[] getServerAliases(String keyType, Principal[] issuers) {
        String alias = alias(keyType);
        return alias == null ? null : new String[] {alias};
    }

    @Override
    public X509Certificate[] getCertificateChain(String alias) {
        Generation g = generation(alias);
        return g == null ? null : g.material().chain().toArray(X509Certificate[]::new);
    }

    @Override
    public PrivateKey getPrivateKey(String alias) {
        Generation g = generation(alias);
        return g == null ? null : g.material().key();
    }

    // A server never acts as a TLS client.

    @Override
    public String[] getClientAliases(String keyType, Principal[] issuers) {
        return null;
    }

    @Override
    public String chooseClientAlias(String[] keyType, Principal[] issuers, Socket socket) {
        return null;
    }

    @Override
    public String chooseEngineClientAlias(String[] keyType, Principal[] issuers, SSLEngine engine) {
        return null;
    }
}
