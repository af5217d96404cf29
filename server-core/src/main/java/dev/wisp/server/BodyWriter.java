package dev.wisp.server;

import java.io.IOException;
import java.io.OutputStream;

/**
 * Writes a response body whose length is not known up front. The server calls it once, on the
 * connection's thread, after the head has been sent; it frames what it gets (chunked on HTTP/1.1,
 * close-delimited on HTTP/1.0). {@code flush()} pushes what was written so far to the client;
 * {@code close()} is not needed. An exception thrown here closes the connection, since the client
 * has already received part of the message.
 */
@FunctionalInterface
public interface BodyWriter {
    void writeTo(OutputStream out) throws IOException;
}
