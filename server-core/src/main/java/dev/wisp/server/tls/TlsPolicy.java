package dev.wisp.server.tls;

import javax.net.ssl.SSLParameters;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Set;

/**
 * What the server negotiates, in one place: protocol versions, cipher suites and their order, and
 * the ALPN choice. Stateless.
 *
 * <ul>
 *   <li><b>Versions:</b> TLS 1.3 and 1.2 only (RFC 8996 deprecates 1.0 and 1.1).</li>
 *   <li><b>TLS 1.2 suites:</b> ECDHE key exchange (forward secrecy) with AEAD ciphers only:
 *       AES-GCM (RFC 5289) and ChaCha20-Poly1305 (RFC 7905). No CBC (Lucky Thirteen, CVE-2013-0169;
 *       POODLE-style padding oracles), no static RSA key exchange (ROBOT, CVE-2017-13099), no
 *       finite-field DHE (Logjam, CVE-2015-4000, and costly). The list and order follow Mozilla's
 *       "intermediate" profile.</li>
 *   <li><b>Order:</b> the server's ({@code useCipherSuitesOrder}), so a client that lists a weaker
 *       suite first still gets AES-128-GCM.</li>
 *   <li><b>Compression:</b> none; JSSE implements no TLS compression (CRIME, CVE-2012-4929).</li>
 *   <li><b>Renegotiation:</b> TLS 1.3 has none (RFC 8446 removed it). For 1.2 see
 *       {@link ServerTls#forbidRenegotiation(javax.net.ssl.SSLSocket)}.</li>
 * </ul>
 */
final class TlsPolicy {

    static final String TLS13 = "TLSv1.3";
    static final String TLS12 = "TLSv1.2";
    static final String H2 = "h2";
    static final String HTTP11 = "http/1.1";

    /** Server preference order: TLS 1.3 suites (RFC 8446 §B.4), then the TLS 1.2 ECDHE AEAD suites. */
    static final List<String> CIPHER_SUITES = List.of(
            "TLS_AES_128_GCM_SHA256",
            "TLS_AES_256_GCM_SHA384",
            "TLS_CHACHA20_POLY1305_SHA256",
            "TLS_ECDHE_ECDSA_WITH_AES_128_GCM_SHA256",
            "TLS_ECDHE_RSA_WITH_AES_128_GCM_SHA256",
            "TLS_ECDHE_ECDSA_WITH_AES_256_GCM_SHA384",
            "TLS_ECDHE_RSA_WITH_AES_256_GCM_SHA384",
            "TLS_ECDHE_ECDSA_WITH_CHACHA20_POLY1305_SHA256",
            "TLS_ECDHE_RSA_WITH_CHACHA20_POLY1305_SHA256");

    private TlsPolicy() {
    }

    /**
     * The server's parameters: the versions and suites above (those of them {@code supported} by
     * the JSSE provider), server order, and client authentication. ALPN is chosen by
     * {@link #selectApplicationProtocol}, installed per connection.
     */
    static SSLParameters parameters(String[] supported, boolean needClientAuth, boolean wantClientAuth) {
        Set<String> available = Set.of(supported);
        List<String> suites = new ArrayList<>();
        for (String suite : CIPHER_SUITES) {
            if (available.contains(suite)) {
                suites.add(suite);
            }
        }
        if (suites.isEmpty()) {
            throw new IllegalStateException("the JSSE provider supports none of " + CIPHER_SUITES
                    + "; it offers " + Arrays.toString(supported));
        }
        SSLParameters params = new SSLParameters(suites.toArray(String[]::new), new String[] {TLS13, TLS12});
        params.setUseCipherSuitesOrder(true);
        if (needClientAuth) {
            params.setNeedClientAuth(true);
        } else if (wantClientAuth) {
            params.setWantClientAuth(true);
        }
        return params;
    }

    /**
     * The ALPN protocol for a client that offered {@code offered} (RFC 7301 §3.2): {@code h2} when
     * offered and HTTP/2 is enabled, else {@code http/1.1} when offered, else null — no protocol
     * in common, which the handshake answers with a fatal {@code no_application_protocol} alert
     * as §3.2 requires. A client that sends no ALPN extension is not asked at all and speaks
     * HTTP/1.1. The server's preference wins over the client's order.
     */
    static String selectApplicationProtocol(List<String> offered, boolean h2Enabled) {
        if (h2Enabled && offered.contains(H2)) {
            return H2;
        }
        return offered.contains(HTTP11) ? HTTP11 : null;
    }
}
