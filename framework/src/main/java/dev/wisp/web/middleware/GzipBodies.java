package dev.wisp.web.middleware;

import dev.wisp.server.Body;
import dev.wisp.server.BodyWriter;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.StandardOpenOption;
import java.util.zip.GZIPOutputStream;

/**
 * Response bodies as gzip (RFC 1952) with the JDK's deflater. Bytes are compressed at once; files
 * and streams become a {@link Body.Stream} compressed on the fly, on the connection's thread,
 * when the server writes the response (never for a HEAD, whose body isn't written).
 *
 * <p><b>Flushing.</b> The stream handed to a {@link BodyWriter} does a deflate {@code SYNC_FLUSH}
 * on {@code flush()}: everything written so far reaches the client as complete deflate blocks that
 * it can decode at once. That is what makes compressed {@code text/event-stream} work, at the cost
 * of a few bytes per flush.
 *
 * <p><b>Resources.</b> Each body gets its own {@code Deflater} (zlib allocates about 256 KiB for it),
 * released as soon as the body is written, or when the writer fails. A writer that fails is not
 * given a gzip trailer, so a truncated body never looks complete (the server closes the connection).
 */
final class GzipBodies {
    private static final int BUFFER = 8192;

    private GzipBodies() {
    }

    /** {@code bytes} compressed at {@code level}. */
    static byte[] compress(byte[] bytes, int level) {
        ByteArrayOutputStream out = new ByteArrayOutputStream(Math.max(64, bytes.length / 3));
        try (GzipStream gz = new GzipStream(out, level)) {
            gz.write(bytes);
        } catch (IOException e) {
            throw new AssertionError("in-memory streams do not fail", e);
        }
        return out.toByteArray();
    }

    /** A streamed, compressed version of a file or stream body. */
    static Body.Stream compress(Body body, int level) {
        BodyWriter source = switch (body) {
            case Body.Stream s -> s.writer();
            case Body.File f -> out -> copyFile(f, out);
            case Body.Bytes b -> out -> out.write(b.bytes());
            case Body.Empty e -> out -> {
            };
            case Body.WebSocket w -> throw new IllegalArgumentException("A WebSocket switch has no content to compress");
        };
        return new Body.Stream(out -> {
            GzipStream gz = new GzipStream(out, level);
            try {
                source.writeTo(gz);
                gz.finish();
            } finally {
                gz.release();
            }
        });
    }

    private static void copyFile(Body.File f, OutputStream out) throws IOException {
        try (FileChannel channel = FileChannel.open(f.path(), StandardOpenOption.READ)) {
            ByteBuffer buffer = ByteBuffer.allocate(BUFFER);
            long position = f.offset();
            long end = f.offset() + f.length();
            while (position < end) {
                buffer.clear().limit((int) Math.min(BUFFER, end - position));
                int n = channel.read(buffer, position);
                if (n < 0) {
                    throw new IOException("File " + f.path().getFileName() + " shrank while it was being sent");
                }
                out.write(buffer.array(), 0, n);
                position += n;
            }
        }
    }

    /**
     * GZIPOutputStream with a chosen level and sync-flush, whose {@code close()} finishes the gzip
     * member but leaves the underlying stream open: the server owns it and frames the body.
     */
    static final class GzipStream extends GZIPOutputStream {
        GzipStream(OutputStream out, int level) throws IOException {
            super(out, BUFFER, true);
            def.setLevel(level);
        }

        @Override
        public void close() throws IOException {
            finish();
            release();
        }

        /** Frees the deflater's native memory; idempotent. */
        void release() {
            def.end();
        }
    }
}
