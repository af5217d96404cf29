package dev.wisp.web.middleware;

import dev.wisp.server.Handler;
import dev.wisp.server.Headers;
import dev.wisp.server.PercentEncoding;
import dev.wisp.server.Request;
import dev.wisp.server.Response;
import dev.wisp.web.problem.Problem;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * Serves files from a directory or a classpath prefix, for GET and HEAD.
 *
 * <p>Use it as a {@link Handler}, mounted under a prefix ({@code app.mount("/assets",
 * StaticFiles.directory(dir))}: a missing file is a 404 problem), or as {@link Middleware}
 * ({@code app.use(StaticFiles.directory(dir))}: a missing file falls through to the next handler,
 * for a site whose pages and API share the root).
 *
 * <p><b>Paths.</b> The request path (relative to the mount) is split on its raw {@code /}, and each
 * segment is percent-decoded on its own. A segment that decodes to {@code .} or {@code ..}, or
 * contains {@code /}, {@code \}, {@code :}, NUL or another control character, or starts with
 * {@code .} (hidden files such as {@code .env} and {@code .git}), or is empty in the middle of the
 * path, makes the file missing: together with resolving real paths (a symlink leading out of the
 * root is missing too) nothing outside the root is ever served. A directory is served by its
 * {@code index.html}; asked for without its trailing slash it redirects (301) to add it, so
 * relative links in the page resolve.
 *
 * <p><b>Responses.</b> Content type by extension ({@link ContentTypes}), {@code ETag} (strong,
 * from modification time and size) and {@code Last-Modified}; preconditions evaluated as
 * {@link Conditional} does (RFC 9110 §13.2.2: {@code If-None-Match} or {@code If-Modified-Since}
 * → 304, a failed {@code If-Match} or {@code If-Unmodified-Since} → 412); a
 * single {@code Range} → 206 with {@code Content-Range}, honouring {@code If-Range}, or 416 when
 * unsatisfiable (several ranges are ignored and the whole file is sent, as §14.2 allows); files go
 * out as {@code Body.File}, which the server sends with a zero-copy transfer. No
 * {@code Cache-Control} unless you set one with {@link #withCacheControl}.
 *
 * <p><b>Precompressed files.</b> When {@code app.js.gz} sits next to {@code app.js}, is not older
 * than it, and the request's {@code Accept-Encoding} prefers gzip, the {@code .gz} is sent instead
 * with {@code Content-Encoding: gzip}, the content type of {@code app.js} and the ETag of
 * {@code app.js} with the suffix {@link Compression} uses ({@code "…-gzip"}). Both variants carry
 * {@code Vary: Accept-Encoding}. Ranges apply to the bytes sent. Turn it off with
 * {@link #withPrecompressed withPrecompressed(false)}.
 *
 * <p>Immutable and thread-safe.
 */
public final class StaticFiles implements Handler, Middleware {
    private final StaticSource source;
    private final String cacheControl;
    private final boolean precompressed;

    private StaticFiles(StaticSource source, String cacheControl, boolean precompressed) {
        this.source = source;
        this.cacheControl = cacheControl;
        this.precompressed = precompressed;
    }

    /** Files under {@code root}, which must be an existing directory. */
    public static StaticFiles directory(Path root) {
        return new StaticFiles(new DirectorySource(Objects.requireNonNull(root, "root")), null, true);
    }

    /** Resources under {@code prefix} (e.g. {@code "public"}) of this class's class loader. */
    public static StaticFiles classpath(String prefix) {
        return classpath(prefix, StaticFiles.class.getClassLoader());
    }

    public static StaticFiles classpath(String prefix, ClassLoader loader) {
        return new StaticFiles(new ClasspathSource(Objects.requireNonNull(prefix, "prefix"), loader), null, true);
    }

    /** A copy that sends this {@code Cache-Control} value, e.g. {@code "public, max-age=3600"}. */
    public StaticFiles withCacheControl(String value) {
        return new StaticFiles(source, value, precompressed);
    }

    /**
     * A copy that does ({@code true}, the default) or doesn't look for precompressed
     * {@code .gz} siblings; see the class comment.
     */
    public StaticFiles withPrecompressed(boolean enabled) {
        return new StaticFiles(source, cacheControl, enabled);
    }

    @Override
    public Response handle(Request request) throws IOException {
        Response response = serve(request);
        if (response != null) {
            return response;
        }
        if (!isGetOrHead(request)) {
            return Problem.of(405, "Static files are read with GET or HEAD").toResponse().withHeader("Allow", "GET, HEAD");
        }
        return Problem.of(404, "No such file").withInstance(Problem.instanceOf(request)).toResponse();
    }

    @Override
    public Handler wrap(Handler next) {
        return request -> {
            Response response = serve(request);
            return response != null ? response : next.handle(request);
        };
    }

    /** The response for this request, or {@code null} when there is no file to serve. */
    private Response serve(Request request) throws IOException {
        if (!isGetOrHead(request)) {
            return null;
        }
        String raw = request.rawPath();
        List<String> segments = segments(raw);
        if (segments == null) {
            return null;
        }
        boolean directory = raw.endsWith("/");
        return switch (source.lookup(segments, directory)) {
            case StaticSource.Missing m -> null;
            case StaticSource.AddSlash a -> {
                String last = raw.substring(raw.lastIndexOf('/') + 1);
                String query = request.query().isEmpty() ? "" : "?" + request.query();
                yield Response.status(301).withHeader("Location", last + "/" + query);
            }
            case StaticSource.Found f -> send(request, f.resource());
        };
    }

    private Response send(Request request, StaticSource.Resource file) throws IOException {
        StaticSource.Resource r = file;
        StaticSource.Resource gz = precompressed ? precompressedSibling(file) : null;
        boolean gzip = gz != null && AcceptEncoding.of(request.headers()).prefersGzip();
        if (gzip) {
            // The compressed variant, under the file's tag with the same suffix Compression uses,
            // so conditionals behave alike whichever of the two compressed the file.
            r = new StaticSource.Resource(file.name(), gz.size(), file.lastModifiedMillis(),
                    EntityTags.suffixed(file.etag()), gz.body(), StaticSource.NO_SIBLINGS);
        }
        String lastModified = r.lastModifiedMillis() > 0 ? HttpDates.format(r.lastModifiedMillis()) : null;
        Headers validators = Headers.of("ETag", r.etag());
        if (lastModified != null) {
            validators = validators.with("Last-Modified", lastModified);
        }
        if (cacheControl != null) {
            validators = validators.with("Cache-Control", cacheControl);
        }
        if (gz != null) {
            validators = validators.with("Vary", "Accept-Encoding");
        }
        long modifiedSeconds = r.lastModifiedMillis() > 0 ? r.lastModifiedMillis() / 1000 : -1;
        switch (Conditional.evaluate(request, r.etag(), modifiedSeconds, true)) {
            case NOT_MODIFIED -> {
                return Response.status(304).withHeaders(validators);
            }
            case PRECONDITION_FAILED -> {
                return Conditional.preconditionFailed(request).toProblem()
                        .withInstance(Problem.instanceOf(request)).toResponse();
            }
            case PROCEED -> {
            }
        }
        Headers headers = validators
                .with("Content-Type", ContentTypes.forFileName(r.name()))
                .with("X-Content-Type-Options", "nosniff")
                .with("Accept-Ranges", "bytes");
        if (gzip) {
            headers = headers.with("Content-Encoding", "gzip");
        }
        String range = request.header("Range");
        if (range != null && request.method().equals("GET") && ifRangeHolds(request.header("If-Range"), r)) {
            ByteRange br = ByteRange.parse(range, r.size());
            if (br == ByteRange.UNSATISFIABLE) {
                return Problem.of(416, "The requested range is outside the file").toResponse()
                        .withHeader("Content-Range", "bytes */" + r.size());
            }
            if (br != null) {
                return new Response(206, headers.with("Content-Range", "bytes " + br.start() + "-" + br.end() + "/" + r.size()),
                        r.body().slice(br.start(), br.length()));
            }
        }
        return new Response(200, headers, r.body().slice(0, r.size()));
    }

    /**
     * The file's {@code .gz} sibling, unless it is older than the file: a stale one (the file was
     * edited and the build didn't compress it again) would serve old content.
     */
    private static StaticSource.Resource precompressedSibling(StaticSource.Resource file) throws IOException {
        if (file.name().endsWith(".gz")) {
            return null;
        }
        StaticSource.Resource gz = file.siblings().find(".gz");
        if (gz == null || (gz.lastModifiedMillis() > 0 && gz.lastModifiedMillis() < file.lastModifiedMillis())) {
            return null;
        }
        return gz;
    }

    /** RFC 9110 §13.1.5: a range applies only if the validator still matches (strong comparison). */
    private static boolean ifRangeHolds(String ifRange, StaticSource.Resource r) {
        if (ifRange == null) {
            return true;
        }
        String v = ifRange.strip();
        if (v.startsWith("\"")) {
            return v.equals(r.etag());
        }
        if (v.startsWith("W/")) {
            return false;
        }
        long date = HttpDates.parseSeconds(v);
        return date >= 0 && r.lastModifiedMillis() > 0 && date == r.lastModifiedMillis() / 1000;
    }

    /** Decoded, checked segments of {@code raw}, or {@code null} if any is unsafe; see the class doc. */
    static List<String> segments(String raw) {
        if (!raw.startsWith("/")) {
            return null;
        }
        List<String> segments = new ArrayList<>();
        int start = 1;
        while (start < raw.length()) {
            int end = raw.indexOf('/', start);
            if (end < 0) {
                end = raw.length();
            }
            String seg;
            try {
                seg = PercentEncoding.decodePath(raw, start, end);
            } catch (PercentEncoding.MalformedException e) {
                return null;
            }
            if (!safe(seg)) {
                return null;
            }
            segments.add(seg);
            start = end + 1;
        }
        return segments;
    }

    private static boolean safe(String seg) {
        if (seg.isEmpty() || seg.charAt(0) == '.') {
            return false; // "//", ".", "..", and hidden files
        }
        for (int i = 0; i < seg.length(); i++) {
            char c = seg.charAt(i);
            if (c < 0x20 || c == 0x7f || c == '/' || c == '\\' || c == ':') {
                return false;
            }
        }
        return true;
    }

    private static boolean isGetOrHead(Request request) {
        return request.method().equals("GET") || request.method().equals("HEAD");
    }
}
