package dev.wisp.server;

import java.security.cert.X509Certificate;
import java.util.List;
import java.util.Objects;

/**
 * What the TLS handshake of a request's connection settled, as {@link Request#tls()} shows it.
 *
 * @param protocol            the negotiated protocol version, e.g. {@code TLSv1.3}
 * @param cipherSuite         the negotiated cipher suite, e.g. {@code TLS_AES_128_GCM_SHA256}
 * @param applicationProtocol the ALPN protocol ({@code h2}, {@code http/1.1}), or empty when the
 *                            client offered none
 * @param serverName          the SNI host name the client asked for, or empty when it sent none
 * @param peerCertificates    the client's verified certificate chain, leaf first; empty unless
 *                            client authentication was requested and the client sent one
 */
public record TlsInfo(String protocol, String cipherSuite, String applicationProtocol, String serverName,
                      List<X509Certificate> peerCertificates) {

    public TlsInfo {
        Objects.requireNonNull(protocol, "protocol");
        Objects.requireNonNull(cipherSuite, "cipherSuite");
        Objects.requireNonNull(applicationProtocol, "applicationProtocol");
        Objects.requireNonNull(serverName, "serverName");
        peerCertificates = List.copyOf(peerCertificates);
    }
}
