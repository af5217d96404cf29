package dev.wisp.web.multipart;

import dev.wisp.server.Headers;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.CopyOption;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;

/**
 * A file part read completely ({@link Part#spool()}, or through {@code WebRequest.files()}): in
 * memory up to {@code memoryThresholdBytes}, else in a temporary file named by the framework
 * ({@code wisp-upload-….part}, never after the client's filename).
 *
 * <p><b>Lifetime.</b> The temporary file is deleted when the response is done (after a streamed
 * response's body is written; on failure too), unless {@link #moveTo} took it first. Don't return
 * it as a {@code Response.file}: move it first. One thread at a time.
 */
public final class UploadedFile {
    private final String name;
    private final String filename;
    private final String contentType;
    private final Headers headers;
    private final byte[] bytes;
    private Path path;
    private long size;
    private boolean gone;

    UploadedFile(Part part, byte[] bytes, Path path, long size) {
        this.name = part.name();
        this.filename = part.filename();
        this.contentType = part.contentType();
        this.headers = part.headers();
        this.bytes = bytes;
        this.path = path;
        this.size = size;
    }

    /** The form field name. */
    public String name() {
        return name;
    }

    /** The filename exactly as the client sent it; may be "" or hold a path: never use it as one. */
    public String filename() {
        return filename;
    }

    /** The filename cut to one clean segment, for display; see {@link Part#safeFilename()}. */
    public String safeFilename() {
        return SafeFilename.of(filename);
    }

    public String contentType() {
        return contentType;
    }

    public Headers headers() {
        return headers;
    }

    /** The content's length in bytes. */
    public long size() {
        return size;
    }

    /** Whether the content is held in memory (no temporary file). */
    public boolean inMemory() {
        return bytes != null;
    }

    /** The content from its start; each call opens a new stream. */
    public InputStream open() throws IOException {
        check();
        return bytes != null ? new ByteArrayInputStream(bytes) : Files.newInputStream(path);
    }

    /** The whole content (at most {@code maxFileBytes}). */
    public byte[] bytes() throws IOException {
        check();
        return bytes != null ? bytes.clone() : Files.readAllBytes(path);
    }

    /**
     * Moves the content to {@code target} (a rename when on the same file system) and hands it
     * over: the framework no longer deletes it, and this object can't be read any more. Without
     * options an existing {@code target} is an error ({@code FileAlreadyExistsException}).
     */
    public void moveTo(Path target, CopyOption... options) throws IOException {
        check();
        if (bytes != null) {
            boolean replace = java.util.Arrays.asList(options).contains(java.nio.file.StandardCopyOption.REPLACE_EXISTING);
            Files.write(target, bytes, replace
                    ? new StandardOpenOption[] {StandardOpenOption.CREATE, StandardOpenOption.TRUNCATE_EXISTING, StandardOpenOption.WRITE}
                    : new StandardOpenOption[] {StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE});
        } else {
            Files.move(path, target, options);
        }
        path = null;
        gone = true;
    }

    /** Deletes the temporary file now; idempotent, and a no-op after {@link #moveTo}. */
    public void delete() {
        if (path != null) {
            try {
                Files.deleteIfExists(path);
            } catch (IOException e) {
                System.getLogger("dev.wisp.web").log(System.Logger.Level.WARNING,
                        "upload.delete_failed file={0} error={1}", path, e.toString());
            }
            path = null;
        }
        gone = true;
    }

    void size(long size) {
        this.size = size;
    }

    private void check() {
        if (gone) {
            throw new IllegalStateException("This upload was moved or deleted");
        }
    }

    @Override
    public String toString() {
        return "UploadedFile[" + name + ", " + size + " bytes" + (bytes != null ? ", in memory" : "") + "]";
    }
}
