package dev.wisp.web.middleware;

import dev.wisp.server.Body;
import java.io.IOException;
import java.util.List;

/**
 * Where {@link StaticFiles} finds files: a directory or a classpath prefix. Segments handed in
 * have already been decoded and checked (no {@code .}/{@code ..}, separators, NUL or hidden
 * names); a source only has to stay inside its own root.
 */
sealed interface StaticSource permits DirectorySource, ClasspathSource {

    /**
     * @param segments  the decoded path segments below the root
     * @param directory whether the request path ended with {@code /}
     */
    Lookup lookup(List<String> segments, boolean directory) throws IOException;

    sealed interface Lookup {
    }

    /** A file to serve. */
    record Found(Resource resource) implements Lookup {
    }

    /** A directory with an index, asked for without its trailing slash: redirect to add it. */
    record AddSlash() implements Lookup {
    }

    /** Nothing servable here. */
    record Missing() implements Lookup {
    }

    /** Makes the body for bytes {@code [offset, offset + length)} of a resource. */
    @FunctionalInterface
    interface Slicer {
        Body slice(long offset, long length);
    }

    /** Finds a file next to a resource, by a suffix of its name ({@code ".gz"}). */
    @FunctionalInterface
    interface Siblings {
        /** The sibling, or {@code null} when there is none (or it can't be served). */
        Resource find(String suffix) throws IOException;
    }

    /** For resources whose siblings are never served. */
    Siblings NO_SIBLINGS = suffix -> null;

    /**
     * A servable file.
     *
     * @param name               file name, for the content type
     * @param size               length in bytes
     * @param lastModifiedMillis modification time, or 0 when unknown
     * @param etag               a strong entity tag, quotes included
     * @param siblings           files next to this one, for precompressed variants
     */
    record Resource(String name, long size, long lastModifiedMillis, String etag, Slicer body, Siblings siblings) {
    }

    /** A strong validator from modification time and size, as nginx and others do. */
    static String etag(long lastModifiedMillis, long size) {
        return "\"" + Long.toHexString(lastModifiedMillis) + "-" + Long.toHexString(size) + "\"";
    }
}
