package dev.wisp.server.http1;

import java.io.IOException;
import java.nio.ByteBuffer;

/**
 * A response body stream that also takes bytes in a {@link ByteBuffer}, framed exactly as
 * {@code write(byte[], int, int)} would frame them. {@link BodyInputStream#transferTo} uses it to
 * echo a request body into a streamed response through a direct buffer, with no heap copy.
 */
interface DirectSink {

    /** Writes all of {@code src}'s remaining bytes (consuming them), or throws. */
    void write(ByteBuffer src) throws IOException;
}
