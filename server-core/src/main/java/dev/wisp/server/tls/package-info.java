/**
 * TLS for the server (internal): PEM and PKCS#12 loading with one-line configuration errors,
 * the negotiation policy (TLS 1.3 and 1.2, ECDHE with AEAD suites, server order, ALPN), a key
 * manager that picks up renewed certificates without a restart, and {@link
 * dev.wisp.server.tls.ServerTls}, the one object the transport uses.
 *
 * <p>Concurrency: everything here runs on the connection's own virtual thread, around its
 * handshake. The key files are checked at most once per reload interval, by whichever connection
 * comes first after it; there is no background thread, so nothing to stop when the server closes.
 * JDK only (JSSE), nothing JVM-global is changed.
 */
package dev.wisp.server.tls;
