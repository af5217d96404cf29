package dev.wisp.web.multipart;

import java.nio.file.Path;
import java.util.Objects;

/**
 * The bounds on one {@code multipart/form-data} body. The body as a whole is held to the route's
 * or the server's {@code maxBodyBytes}; these bound its parts. Every limit passed is a 413
 * problem naming it ({@code "maxFileBytes": 10485760}).
 *
 * <table>
 *   <caption>Defaults</caption>
 *   <tr><th>limit</th><th>default</th><th>what it bounds</th></tr>
 *   <tr><td>maxParts</td><td>100</td><td>parts in the body, fields and files together</td></tr>
 *   <tr><td>maxPartHeaderBytes</td><td>8 KiB</td><td>one part's header lines, CRLFs included</td></tr>
 *   <tr><td>maxFieldBytes</td><td>64 KiB</td><td>one field's value (a part without {@code filename})</td></tr>
 *   <tr><td>maxFileBytes</td><td>10 MiB</td><td>one file's content</td></tr>
 *   <tr><td>memoryThresholdBytes</td><td>16 KiB</td><td>a spooled file larger than this goes to disk</td></tr>
 *   <tr><td>tempDirectory</td><td>{@code java.io.tmpdir}</td><td>where spooled files go (created with owner-only permissions)</td></tr>
 * </table>
 *
 * @param tempDirectory {@code null} for the JVM's temporary directory
 */
public record MultipartLimits(int maxParts, int maxPartHeaderBytes, long maxFieldBytes, long maxFileBytes,
                              int memoryThresholdBytes, Path tempDirectory) {
    private static final MultipartLimits DEFAULTS =
            new MultipartLimits(100, 8 * 1024, 64 * 1024, 10L << 20, 16 * 1024, null);

    public MultipartLimits {
        positive("maxParts", maxParts);
        positive("maxPartHeaderBytes", maxPartHeaderBytes);
        positive("maxFieldBytes", maxFieldBytes);
        positive("maxFileBytes", maxFileBytes);
        if (memoryThresholdBytes < 0) {
            throw new IllegalArgumentException("memoryThresholdBytes must be >= 0, got " + memoryThresholdBytes);
        }
    }

    public static MultipartLimits defaults() {
        return DEFAULTS;
    }

    public MultipartLimits withMaxParts(int v) {
        return new MultipartLimits(v, maxPartHeaderBytes, maxFieldBytes, maxFileBytes, memoryThresholdBytes, tempDirectory);
    }

    public MultipartLimits withMaxPartHeaderBytes(int v) {
        return new MultipartLimits(maxParts, v, maxFieldBytes, maxFileBytes, memoryThresholdBytes, tempDirectory);
    }

    public MultipartLimits withMaxFieldBytes(long v) {
        return new MultipartLimits(maxParts, maxPartHeaderBytes, v, maxFileBytes, memoryThresholdBytes, tempDirectory);
    }

    public MultipartLimits withMaxFileBytes(long v) {
        return new MultipartLimits(maxParts, maxPartHeaderBytes, maxFieldBytes, v, memoryThresholdBytes, tempDirectory);
    }

    public MultipartLimits withMemoryThresholdBytes(int v) {
        return new MultipartLimits(maxParts, maxPartHeaderBytes, maxFieldBytes, maxFileBytes, v, tempDirectory);
    }

    public MultipartLimits withTempDirectory(Path v) {
        return new MultipartLimits(maxParts, maxPartHeaderBytes, maxFieldBytes, maxFileBytes, memoryThresholdBytes,
                Objects.requireNonNull(v, "tempDirectory"));
    }

    /** The directory spooled files go to. */
    Path spoolDirectory() {
        return tempDirectory != null ? tempDirectory : Path.of(System.getProperty("java.io.tmpdir"));
    }

    private static void positive(String name, long v) {
        if (v <= 0) {
            throw new IllegalArgumentException(name + " must be > 0, got " + v);
        }
    }
}
