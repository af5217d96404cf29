package dev.wisp.server.tls;

import dev.wisp.server.Tls;
import dev.wisp.server.TlsInfo;

import javax.net.ssl.ExtendedSSLSession;
import javax.net.ssl.SNIHostName;
import javax.net.ssl.SNIServerName;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLEngine;
import javax.net.ssl.SSLParameters;
import javax.net.ssl.SSLPeerUnverifiedException;
import javax.net.ssl.SSLSession;
import javax.net.ssl.SSLSocket;
import javax.net.ssl.StandardConstants;
import javax.net.ssl.TrustManager;
import javax.net.ssl.TrustManagerFactory;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.security.cert.Certificate;
import java.security.cert.X509Certificate;
import java.util.ArrayList;
import java.util.List;
import java.util.function.BiFunction;
import java.util.function.LongSupplier;

/**
 * The TLS side of a server, built once at start from a {@link Tls}: an {@link SSLContext} whose
 * key manager follows certificate renewals, the negotiation policy of {@link TlsPolicy}, and the
 * calls the transport makes around each connection's handshake:
 * <ol>
 *   <li>{@link #configure(SSLSocket)} (or the {@code SSLEngine} twin) on the connection's virtual
 *       thread before the handshake — server mode, versions, suites, client auth, the ALPN
 *       selector; it also lets the key manager check the files, at most once per interval;</li>
 *   <li>the handshake itself (the caller bounds it with the head timeout);</li>
 *   <li>{@link #forbidRenegotiation(SSLSocket)} right after it;</li>
 *   <li>{@link #info(SSLSocket)} for the {@link TlsInfo} the handler sees.</li>
 * </ol>
 * Thread-safe; one instance serves all connections. Nothing to close: it owns no thread.
 */
public final class ServerTls {

    private final SSLContext context;
    private final ReloadingKeyManager keyManager;
    private final SSLParameters parameters;
    // One selector per server, not one lambda per connection.
    private final BiFunction<SSLSocket, List<String>, String> socketAlpn;
    private final BiFunction<SSLEngine, List<String>, String> engineAlpn;

    private ServerTls(SSLContext context, ReloadingKeyManager keyManager, SSLParameters parameters, boolean h2Enabled) {
        this.context = context;
        this.keyManager = keyManager;
        this.parameters = parameters;
        this.socketAlpn = (socket, offered) -> TlsPolicy.selectApplicationProtocol(offered, h2Enabled);
        this.engineAlpn = (engine, offered) -> TlsPolicy.selectApplicationProtocol(offered, h2Enabled);
    }

    /**
     * Loads everything {@code tls} names and builds the context.
     *
     * @param h2Enabled whether ALPN may choose {@code h2}
     * @throws dev.wisp.server.TlsConfigException with a one-line message naming the file and the
     *                                            problem when the configuration cannot be used
     */
    public static ServerTls create(Tls tls, boolean h2Enabled) {
        return create(tls, h2Enabled, System::nanoTime);
    }

    /** As {@link #create(Tls, boolean)} with the clock that paces the reload checks (tests). */
    static ServerTls create(Tls tls, boolean h2Enabled, LongSupplier nanoClock) {
        ReloadingKeyManager keyManager = new ReloadingKeyManager(tls, nanoClock);
        TrustManager[] trust = tls.clientAuth() == Tls.ClientAuth.NONE ? null : trustManagers(tls);
        try {
            SSLContext context = SSLContext.getInstance("TLS");
            context.init(new ReloadingKeyManager[] {keyManager}, trust, null);
            SSLParameters parameters = TlsPolicy.parameters(context.getSupportedSSLParameters().getCipherSuites(),
                    tls.clientAuth() == Tls.ClientAuth.REQUIRE, tls.clientAuth() == Tls.ClientAuth.REQUEST);
            return new ServerTls(context, keyManager, parameters, h2Enabled);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("the JDK cannot create a TLS context", e);
        }
    }

    /** The CA certificates of the trust bundle, for verifying client certificates (PKIX, no revocation check). */
    private static TrustManager[] trustManagers(Tls tls) {
        TlsFile file = new TlsFile("trust file", tls.trustFile());
        List<X509Certificate> cas = KeyMaterial.certificates(file, file.read());
        try {
            KeyStore store = KeyStore.getInstance("PKCS12");
            store.load(null, null);
            for (int i = 0; i < cas.size(); i++) {
                store.setCertificateEntry("ca-" + i, cas.get(i));
            }
            TrustManagerFactory factory = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
            factory.init(store);
            return factory.getTrustManagers();
        } catch (GeneralSecurityException | java.io.IOException e) {
            throw file.problem("cannot be used as a trust store (" + e.getMessage() + ")", e);
        }
    }

    /** The context, for creating sockets or engines ({@code context().getSocketFactory()...}). */
    public SSLContext context() {
        return context;
    }

    /** Prepares a server-side socket for its handshake; call on the connection's thread before it. */
    public void configure(SSLSocket socket) {
        keyManager.maybeReload();
        socket.setUseClientMode(false);
        socket.setSSLParameters(parameters);
        socket.setHandshakeApplicationProtocolSelector(socketAlpn);
    }

    /** Prepares a server-side engine for its handshake; call before its first wrap/unwrap. */
    public void configure(SSLEngine engine) {
        keyManager.maybeReload();
        engine.setUseClientMode(false);
        engine.setSSLParameters(parameters);
        engine.setHandshakeApplicationProtocolSelector(engineAlpn);
    }

    /**
     * Reads the key files now and swaps in a changed pair that loads; returns whether it did. The
     * server does this by itself (see {@link #configure(SSLSocket)}); this is for tests and for a
     * "reload now" signal.
     */
    public boolean checkNow() {
        return keyManager.checkNow();
    }

    /** The leaf certificate new handshakes are served. */
    public X509Certificate certificate() {
        return keyManager.current().leaf();
    }

    /**
     * Makes any further handshake on this connection fail: call right after the initial
     * handshake. TLS 1.3 has no renegotiation (RFC 8446); a TLS 1.2 client could still start one,
     * each costing the server a full handshake (CVE-2011-1473). JSSE's only switch against it,
     * {@code -Djdk.tls.rejectClientInitiatedRenegotiation=true}, is JVM-global and read once, so
     * Wisp does not set it behind the user's back (it is honoured when the user sets it). Instead,
     * a TLS 1.2 connection's enabled cipher suites are emptied after its handshake: the suite in
     * use is unaffected, and JSSE refuses a new ClientHello before any key exchange work because
     * no suite is left to negotiate. TLS 1.3 connections are left alone, since their
     * post-handshake messages (KeyUpdate, NewSessionTicket) need the configuration.
     */
    public static void forbidRenegotiation(SSLSocket socket) {
        if (TlsPolicy.TLS12.equals(socket.getSession().getProtocol())) {
            socket.setEnabledCipherSuites(new String[0]);
        }
    }

    /** As {@link #forbidRenegotiation(SSLSocket)}, for an engine whose initial handshake has finished. */
    public static void forbidRenegotiation(SSLEngine engine) {
        if (TlsPolicy.TLS12.equals(engine.getSession().getProtocol())) {
            engine.setEnabledCipherSuites(new String[0]);
        }
    }

    /** What the finished handshake of {@code socket} negotiated. */
    public static TlsInfo info(SSLSocket socket) {
        return info(socket.getSession(), socket.getApplicationProtocol());
    }

    /** What the finished handshake of {@code engine} negotiated. */
    public static TlsInfo info(SSLEngine engine) {
        return info(engine.getSession(), engine.getApplicationProtocol());
    }

    static TlsInfo info(SSLSession session, String alpn) {
        return new TlsInfo(session.getProtocol(), session.getCipherSuite(),
                alpn == null || alpn.isEmpty() ? null : alpn, serverName(session), peerChain(session));
    }

    /** The SNI host name from the ClientHello (RFC 6066 §3), kept by JSSE in the server's session. */
    private static String serverName(SSLSession session) {
        if (session instanceof ExtendedSSLSession extended) {
            for (SNIServerName name : extended.getRequestedServerNames()) {
                if (name.getType() == StandardConstants.SNI_HOST_NAME && name instanceof SNIHostName host) {
                    return host.getAsciiName();
                }
            }
        }
        return null;
    }

    private static List<X509Certificate> peerChain(SSLSession session) {
        try {
            List<X509Certificate> chain = new ArrayList<>();
            for (Certificate cert : session.getPeerCertificates()) {
                chain.add((X509Certificate) cert);
            }
            return chain;
        } catch (SSLPeerUnverifiedException e) {
            return List.of();  // the client sent no certificate
        }
    }
}
