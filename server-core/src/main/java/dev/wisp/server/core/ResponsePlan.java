package dev.wisp.server.core;

import dev.wisp.server.Body;
import dev.wisp.server.Response;

/**
 * The protocol-neutral rules for sending a response; each protocol's writer only encodes.
 *
 * <ul>
 *   <li>Fields a handler may not set: framing and connection-specific fields are the server's
 *       (RFC 9110 §7.6.1; RFC 9113 §8.2.2 forbids them outright on HTTP/2).</li>
 *   <li>Whether a body is sent: never for HEAD, 1xx, 204 or 304 (RFC 9110 §6.4.1).</li>
 *   <li>The length: known for bytes and files, unknown for a stream; a HEAD route that builds no
 *       body may declare what GET would send (RFC 9110 §9.3.2).</li>
 *   <li>{@code Connection: close} from the handler is honoured (HTTP/1.1 only).</li>
 * </ul>
 */
public final class ResponsePlan {
    /** {@link #length} of a body whose size isn't known before it is written. */
    public static final long UNKNOWN_LENGTH = -1;

    private ResponsePlan() {
    }

    /** Whether {@code status} may carry content at all. */
    public static boolean statusAllowsBody(int status) {
        return status >= 200 && status != 204 && status != 304;
    }

    /** Whether bytes of the body are sent for this response to this request method. */
    public static boolean sendsBody(Response response, boolean headRequest) {
        return !headRequest && statusAllowsBody(response.status());
    }

    /** Whether the body is written on demand, so its length is unknown until it ends. */
    public static boolean streamed(Response response) {
        return statusAllowsBody(response.status()) && response.body() instanceof Body.Stream;
    }

    /**
     * The length to announce, or {@link #UNKNOWN_LENGTH} when none may be: a stream's, or a HEAD
     * response whose handler built no body and declared no valid length.
     */
    public static long length(Response response, boolean headRequest) {
        if (!statusAllowsBody(response.status())) {
            return UNKNOWN_LENGTH;
        }
        Body body = response.body();
        if (headRequest && body instanceof Body.Empty) {
            // Say what GET would send if the route declared it; otherwise nothing rather than a
            // length GET wouldn't have (RFC 9110 §8.6, §9.3.2).
            return declaredLength(response.header("Content-Length"));
        }
        return body.length();
    }

    /** Whether the handler asked for the connection to close after this response. */
    public static boolean asksToClose(Response response) {
        return response.headers().containsToken("Connection", "close");
    }

    /**
     * Framing and connection-specific fields, which the server computes itself: {@code Connection},
     * {@code Keep-Alive}, {@code Proxy-Connection}, {@code TE}, {@code Trailer},
     * {@code Transfer-Encoding}, {@code Upgrade} and {@code Content-Length}.
     */
    public static boolean isServerOwnedField(String name) {
        return switch (name.length()) {
            case 2 -> name.equalsIgnoreCase("TE");
            case 7 -> name.equalsIgnoreCase("Upgrade") || name.equalsIgnoreCase("Trailer");
            case 10 -> name.equalsIgnoreCase("Connection") || name.equalsIgnoreCase("Keep-Alive");
            case 14 -> name.equalsIgnoreCase("Content-Length");
            case 16 -> name.equalsIgnoreCase("Proxy-Connection");
            case 17 -> name.equalsIgnoreCase("Transfer-Encoding");
            default -> false;
        };
    }

    /** A handler-set Content-Length if it is plain digits, else {@link #UNKNOWN_LENGTH}. */
    private static long declaredLength(String value) {
        if (value == null || value.isEmpty() || value.length() > 18) {
            return UNKNOWN_LENGTH;
        }
        long v = 0;
        for (int i = 0; i < value.length(); i++) {
            char c = value.charAt(i);
            if (c < '0' || c > '9') {
                return UNKNOWN_LENGTH;
            }
            v = v * 10 + (c - '0');
        }
        return v;
    }
}
