package dev.wisp.web.middleware;

import dev.wisp.server.Body;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.FileSystemException;
import java.nio.file.Files;
import java.nio.file.InvalidPathException;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.List;

/**
 * Files under a directory. The root is resolved to its real path once; every file is resolved to
 * its real path (following symlinks) and must still be inside the root, so a symlink pointing out
 * of the root is treated as missing, as is anything that is not a regular file.
 */
final class DirectorySource implements StaticSource {
    private static final String INDEX = "index.html";
    private final Path root;

    DirectorySource(Path root) {
        try {
            this.root = root.toRealPath();
        } catch (IOException e) {
            throw new UncheckedIOException("StaticFiles root " + root + " does not exist or cannot be read; create it or fix the path", e);
        }
        if (!Files.isDirectory(this.root)) {
            throw new IllegalArgumentException("StaticFiles root " + root + " is not a directory");
        }
    }

    @Override
    public Lookup lookup(List<String> segments, boolean directory) throws IOException {
        try {
            return find(segments, directory);
        } catch (FileSystemException | InvalidPathException e) {
            // ENOTDIR (a file used as a directory), ENAMETOOLONG, EACCES, a name the platform
            // can't represent, or a file deleted mid-lookup: all just "not here", never a 500.
            return new Missing();
        }
    }

    private Lookup find(List<String> segments, boolean directory) throws IOException {
        Path path = root;
        for (String s : segments) {
            path = path.resolve(s);
        }
        if (!path.normalize().startsWith(root)) {
            return new Missing(); // cannot happen with checked segments; kept as a second lock
        }
        if (!Files.exists(path)) {
            return new Missing(); // the usual miss when used as middleware: no exception, no realpath
        }
        Path real = realInsideRoot(path);
        if (real == null) {
            return new Missing();
        }
        BasicFileAttributes attrs = Files.readAttributes(real, BasicFileAttributes.class);
        if (attrs.isDirectory()) {
            Path index = realInsideRoot(real.resolve(INDEX));
            if (index == null) {
                return new Missing();
            }
            BasicFileAttributes indexAttrs = Files.readAttributes(index, BasicFileAttributes.class);
            if (!indexAttrs.isRegularFile()) {
                return new Missing();
            }
            return directory ? new Found(resource(index, indexAttrs)) : new AddSlash();
        }
        if (!attrs.isRegularFile() || directory) {
            return new Missing();
        }
        return new Found(resource(real, attrs));
    }

    private Path realInsideRoot(Path path) throws IOException {
        try {
            Path real = path.toRealPath();
            return real.startsWith(root) ? real : null;
        } catch (NoSuchFileException e) {
            return null; // the common miss, cheaper to answer here than through lookup's catch
        }
    }

    private Resource resource(Path file, BasicFileAttributes attrs) {
        return resource(file, attrs, suffix -> sibling(file, suffix));
    }

    private static Resource resource(Path file, BasicFileAttributes attrs, Siblings siblings) {
        long modified = attrs.lastModifiedTime().toMillis();
        return new Resource(file.getFileName().toString(), attrs.size(), modified,
                StaticSource.etag(modified, attrs.size()),
                (offset, length) -> new Body.File(file, offset, length), siblings);
    }

    /** The regular file {@code file + suffix} inside the root, or null; the same checks as {@link #find}. */
    private Resource sibling(Path file, String suffix) throws IOException {
        try {
            Path path = file.resolveSibling(file.getFileName() + suffix);
            if (!Files.exists(path)) {
                return null;
            }
            Path real = realInsideRoot(path);
            if (real == null) {
                return null;
            }
            BasicFileAttributes attrs = Files.readAttributes(real, BasicFileAttributes.class);
            return attrs.isRegularFile() ? resource(real, attrs, NO_SIBLINGS) : null;
        } catch (FileSystemException | InvalidPathException e) {
            return null;
        }
    }
}
