package dev.wisp.server.http1;

import dev.wisp.server.Headers;

/**
 * A parsed request line and header section, before any framing decision.
 *
 * @param minorVersion 0 for HTTP/1.0, 1 for HTTP/1.1 (and later 1.x, read as 1.1 per RFC 9110 §6.2)
 */
public record RequestHead(String method, String target, int minorVersion, Headers headers) {

    public String version() {
        return minorVersion == 0 ? "HTTP/1.0" : "HTTP/1.1";
    }
}
