package dev.wisp.web.multipart;

import dev.wisp.server.Headers;
import dev.wisp.web.problem.BadRequestException;
import dev.wisp.web.problem.ContentTooLargeException;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * One part of a {@code multipart/form-data} body as it streams in: its headers, and its content
 * through {@link #body()} (or {@link #bytes()}, {@link #text()}, {@link #spool()}), which can be
 * read once. A part with a {@code filename} parameter is a file; its content is held to
 * {@code maxFileBytes}, a field's to {@code maxFieldBytes} (413 naming the limit, whether the
 * content is read or skipped).
 *
 * <p>Valid until {@link MultipartReader#next()}: then what is left unread is skipped and reading
 * this part throws {@link IllegalStateException}.
 *
 * <p>The client's {@link #filename()} is data, never a path: the framework never uses it to
 * name a file. {@link #safeFilename()} is a cleaned-up copy for display.
 */
public final class Part {
    private final MultipartReader reader;
    private final Headers headers;
    private final String name;
    private final String filename;
    private final String contentType;
    private final String limitName;
    private final long limit;
    private final InputStream body = new Content();
    private long read;
    private boolean ended;
    private boolean stale;

    Part(MultipartReader reader, Headers headers, String name, String filename, String contentType) {
        this.reader = reader;
        this.headers = headers;
        this.name = name;
        this.filename = filename;
        this.contentType = contentType;
        boolean file = filename != null;
        this.limitName = file ? "maxFileBytes" : "maxFieldBytes";
        this.limit = file ? reader.limits().maxFileBytes() : reader.limits().maxFieldBytes();
    }

    /** The form field name ({@code Content-Disposition} {@code name}). */
    public String name() {
        return name;
    }

    /** Whether the part carries a {@code filename} (possibly "", as browsers send for no file chosen). */
    public boolean isFile() {
        return filename != null;
    }

    /** The filename exactly as the client sent it ({@code filename*} if given), or {@code null} for a field. */
    public String filename() {
        return filename;
    }

    /** The filename without path, control or reserved characters and leading dots, or {@code null} for a field. */
    public String safeFilename() {
        return filename == null ? null : SafeFilename.of(filename);
    }

    /** The declared {@code Content-Type}, else RFC 7578 §4.4's default: text/plain for a field, application/octet-stream for a file. */
    public String contentType() {
        return contentType != null ? contentType : filename != null ? "application/octet-stream" : "text/plain";
    }

    /** All the part's header fields, as sent. */
    public Headers headers() {
        return headers;
    }

    /** The content, streamed from the request; ends at the part's end. */
    public InputStream body() {
        return body;
    }

    /** The whole content; bounded by the part's limit. */
    public byte[] bytes() throws IOException {
        return body.readAllBytes();
    }

    /** The content as UTF-8 text (RFC 7578 §4.5's default); bytes that are not UTF-8 are a 400. */
    public String text() throws IOException {
        try {
            return StandardCharsets.UTF_8.newDecoder().onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT)
                    .decode(ByteBuffer.wrap(bytes())).toString();
        } catch (CharacterCodingException e) {
            throw new BadRequestException("The multipart field '" + name + "' is not valid UTF-8");
        }
    }

    /**
     * Reads the content into an {@link UploadedFile}: in memory up to
     * {@code memoryThresholdBytes}, else in a new file of the temp directory, deleted when the
     * reader is closed (by the framework, when the response is done) unless moved away first. A
     * failure while spooling deletes the file at once.
     */
    public UploadedFile spool() throws IOException {
        MultipartLimits limits = reader.limits();
        byte[] head = new byte[limits.memoryThresholdBytes() + 1];
        int n = body.readNBytes(head, 0, head.length);
        if (n <= limits.memoryThresholdBytes()) {
            return new UploadedFile(this, java.util.Arrays.copyOf(head, n), null, n);
        }
        Path file = Files.createTempFile(limits.spoolDirectory(), "wisp-upload-", ".part");
        UploadedFile upload = new UploadedFile(this, null, file, -1);
        reader.registerSpooled(upload);
        try (OutputStream out = Files.newOutputStream(file)) {
            out.write(head, 0, n);
            upload.size(n + body.transferTo(out));
        } catch (IOException | RuntimeException | Error e) {
            upload.delete();
            throw e;
        }
        return upload;
    }

    /** Skips what is left; called by the reader before the next part. */
    void finish() throws IOException {
        byte[] scratch = new byte[8192];
        while (body.read(scratch, 0, scratch.length) >= 0) {
            // skip, still held to the part's limit
        }
        stale = true;
    }

    private final class Content extends InputStream {
        @Override
        public int read() throws IOException {
            byte[] one = new byte[1];
            int n = read(one, 0, 1);
            return n < 0 ? -1 : one[0] & 0xff;
        }

        @Override
        public int read(byte[] b, int off, int len) throws IOException {
            java.util.Objects.checkFromIndexSize(off, len, b.length);
            if (stale) {
                throw new IllegalStateException("This part is no longer readable: the reader has moved to the next part");
            }
            if (ended) {
                return -1;
            }
            if (len == 0) {
                return 0;
            }
            // One byte past the limit is enough to know it was passed.
            int n = reader.readSection(b, off, (int) Math.min(len, limit - read + 1));
            if (n < 0) {
                ended = true;
                return -1;
            }
            read += n;
            if (read > limit) {
                throw new ContentTooLargeException(limitName, limit, (filename != null ? "The file '" : "The field '")
                        + name + "' is larger than " + limit + " bytes");
            }
            return n;
        }
    }
}
