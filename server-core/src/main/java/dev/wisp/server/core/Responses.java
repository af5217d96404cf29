package dev.wisp.server.core;

import dev.wisp.server.Headers;
import dev.wisp.server.HttpProtocolException;
import dev.wisp.server.Response;

/**
 * The server's own responses, the same on every protocol: short fixed text that never echoes the
 * client's input and never carries a stack trace. {@code Connection: close} marks the ones after
 * which an HTTP/1.1 connection can't be trusted (HTTP/2 drops the field; its stream just ends).
 */
public final class Responses {
    private static final Headers TEXT = Headers.of("Content-Type", "text/plain; charset=utf-8");
    private static final Headers TEXT_CLOSE = TEXT.with("Connection", "close");
    private static final Response INTERNAL_ERROR = Response.text(500, "Internal Server Error\n").withHeaders(TEXT);
    private static final Response OVERLOADED = Response.text(503, "Service Unavailable\n").withHeaders(
            TEXT.with("Retry-After", "1"));

    private Responses() {
    }

    /** The one 500, whatever failed. */
    public static Response internalError() {
        return INTERNAL_ERROR;
    }

    /** 503 past the request cap and its queue. */
    public static Response overloaded() {
        return OVERLOADED;
    }

    /** A protocol error's status and message. */
    public static Response error(HttpProtocolException e) {
        return error(e.status(), e.getMessage(), e.closeConnection());
    }

    public static Response error(int status, String message, boolean close) {
        return Response.text(status, message + "\n").withHeaders(close ? TEXT_CLOSE : TEXT);
    }
}
