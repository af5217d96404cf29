package dev.wisp.web.middleware;

import dev.wisp.server.Body;
import java.io.IOException;
import java.io.InputStream;
import java.net.JarURLConnection;
import java.net.URISyntaxException;
import java.net.URL;
import java.net.URLConnection;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.ConcurrentHashMap;
import java.util.zip.CRC32C;

/**
 * Resources under a classpath prefix ({@code public} → {@code public/app.css}). Resources inside a
 * jar are read once and kept in memory (up to {@value #MAX_CACHED_BYTES} bytes each; larger ones
 * are read per request), with an ETag from their content. Resources in a directory on the
 * classpath ({@code target/classes} during development) are served as files, so edits show up.
 */
final class ClasspathSource implements StaticSource {
    private static final int MAX_CACHED_BYTES = 1 << 20;
    private static final String INDEX = "index.html";

    private final String prefix;
    private final ClassLoader loader;
    private final ConcurrentHashMap<String, Resource> cache = new ConcurrentHashMap<>();

    ClasspathSource(String prefix, ClassLoader loader) {
        String p = prefix;
        while (p.startsWith("/")) {
            p = p.substring(1);
        }
        while (p.endsWith("/")) {
            p = p.substring(0, p.length() - 1);
        }
        if (p.isEmpty()) {
            throw new IllegalArgumentException("StaticFiles.classpath needs a dedicated prefix such as \"public\": serving the classpath root would expose your classes");
        }
        this.prefix = p;
        this.loader = loader;
    }

    @Override
    public Lookup lookup(List<String> segments, boolean directory) throws IOException {
        String name = segments.isEmpty() ? prefix : prefix + "/" + String.join("/", segments);
        if (directory) {
            Resource index = load(name + "/" + INDEX);
            return index == null ? new Missing() : new Found(index);
        }
        Resource file = load(name);
        if (file != null) {
            return new Found(file);
        }
        return load(name + "/" + INDEX) != null ? new AddSlash() : new Missing();
    }

    private Resource load(String name) throws IOException {
        return load(name, false);
    }

    /**
     * The resource called {@code name}, or null when absent or a directory.
     *
     * @param sibling whether it is itself a sibling (whose own siblings are never served)
     */
    private Resource load(String name, boolean sibling) throws IOException {
        Resource cached = cache.get(name);
        if (cached != null) {
            return cached;
        }
        URL url = loader.getResource(name);
        if (url == null) {
            return null;
        }
        String fileName = name.substring(name.lastIndexOf('/') + 1);
        if (url.getProtocol().equals("file")) {
            Path path;
            try {
                path = Path.of(url.toURI());
            } catch (URISyntaxException | IllegalArgumentException e) {
                return null;
            }
            if (!Files.isRegularFile(path)) {
                return null;
            }
            long modified = Files.getLastModifiedTime(path).toMillis();
            long size = Files.size(path);
            // During development: look the sibling up per request, so a rebuilt .gz shows up.
            Siblings siblings = sibling ? NO_SIBLINGS : suffix -> load(name + suffix, true);
            return new Resource(fileName, size, modified, StaticSource.etag(modified, size),
                    (offset, length) -> new Body.File(path, offset, length), siblings);
        }
        URLConnection connection = url.openConnection();
        if (connection instanceof JarURLConnection jar && (jar.getJarEntry() == null || jar.getJarEntry().isDirectory())) {
            return null;
        }
        long modified = Math.max(0, connection.getLastModified());
        byte[] bytes;
        try (InputStream in = connection.getInputStream()) {
            bytes = in.readAllBytes();
        }
        CRC32C crc = new CRC32C();
        crc.update(bytes);
        String etag = "\"" + Long.toHexString(crc.getValue()) + "-" + Integer.toHexString(bytes.length) + "\"";
        // Inside a jar nothing changes: look for the precompressed sibling once, with the file.
        Resource gz = sibling || name.endsWith(".gz") ? null : load(name + ".gz", true);
        Siblings siblings = sibling ? NO_SIBLINGS : suffix -> suffix.equals(".gz") ? gz : load(name + suffix, true);
        Resource resource = new Resource(fileName, bytes.length, modified, etag, (offset, length) ->
                new Body.Bytes(offset == 0 && length == bytes.length ? bytes
                        : Arrays.copyOfRange(bytes, (int) offset, (int) (offset + length))), siblings);
        if (bytes.length <= MAX_CACHED_BYTES) {
            cache.put(name, resource);
        }
        return resource;
    }
}
