package dev.wisp.server;

import java.io.IOException;
import java.io.OutputStream;

/**
 * Writes a response body whose length is not known up front. The server calls it once, on the
 * thread that runs the handler; it frames what it gets (chunked on HTTP/1.1, close-delimited on
 * HTTP/1.0, DATA frames on HTTP/2). {@code flush()} pushes what was written so far to the client;
 * {@code close()} is not needed.
 *
 * <p>The status line and headers are committed lazily: they leave with the first body bytes
 * that don't fit the connection's small buffer, or at the first {@code flush()}. Until then a
 * failure still gets an honest answer — an {@link HttpProtocolException} (for example from
 * reading a malformed or oversized request body) becomes its status, any other exception a 500.
 * After the commit the client already holds part of the message, so a failure ends it unfinished
 * (no last chunk) and closes the connection.
 */
@FunctionalInterface
public interface BodyWriter {
    void writeTo(OutputStream out) throws IOException;
}
