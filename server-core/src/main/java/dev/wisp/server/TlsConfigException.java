package dev.wisp.server;

import java.io.Serial;

/**
 * The TLS configuration cannot be used: the message is one line naming the file and the problem,
 * e.g. {@code TLS private key file /etc/wisp/key.pem: does not match the certificate in
 * /etc/wisp/cert.pem}, written to be shown to the operator as it is (no stack trace needed).
 * Thrown when the server starts; a renewal that fails later is logged instead and the old
 * certificate stays in service.
 */
public final class TlsConfigException extends RuntimeException {
    @Serial
    private static final long serialVersionUID = 1L;

    public TlsConfigException(String message) {
        super(message);
    }

    public TlsConfigException(String message, Throwable cause) {
        super(message, cause);
    }
}
