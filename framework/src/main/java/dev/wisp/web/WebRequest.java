package dev.wisp.web;

import dev.wisp.server.AttributeKey;
import dev.wisp.server.Body;
import dev.wisp.server.BodyWriter;
import dev.wisp.server.Handler;
import dev.wisp.server.Headers;
import dev.wisp.server.MediaType;
import dev.wisp.server.PercentEncoding;
import dev.wisp.server.Request;
import dev.wisp.server.Response;
import dev.wisp.web.json.Json;
import dev.wisp.web.multipart.MultipartLimits;
import dev.wisp.web.multipart.MultipartReader;
import dev.wisp.web.multipart.Part;
import dev.wisp.web.multipart.UploadedFile;
import dev.wisp.web.problem.BadRequestException;
import dev.wisp.web.problem.UnsupportedMediaTypeException;
import dev.wisp.web.routing.PathParams;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.lang.ref.Cleaner;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.UUID;
import tools.jackson.core.type.TypeReference;

/**
 * What a route handler gets: the core {@link Request} plus helpers for path parameters, query
 * parameters, form fields, cookies and JSON. A thin view created per call, used by one thread;
 * parsed parts (query, cookies, body) are computed on first use and kept.
 *
 * <p><b>Errors.</b> Helpers report the client's mistakes as 400 problems naming the parameter
 * (a bad {@code int}, a malformed query string), 415 for a body of the wrong media type, and let
 * a 413 through for a body over the route's or the server's limit (rendered as a problem naming
 * {@code maxBodyBytes}) or an upload over a {@link MultipartLimits} limit. Asking for a path parameter the route does
 * not declare is a programming error ({@link IllegalArgumentException}, so a 500).
 *
 * <p><b>Body.</b> The body streams from the connection and can be read once:
 * {@link #bytes()}, {@link #text()}, {@link #json}, {@link #form()} share one read, but reading
 * {@code request().body()} yourself bypasses them. {@link #multipart()} streams a
 * {@code multipart/form-data} body part by part instead; {@link #form()} and {@link #files()} read
 * it whole. Temporary upload files are deleted when the response is done (after a streamed body is
 * written), also when the handler fails or never looked at them.
 */
public final class WebRequest {
    private static final String FORM = "application/x-www-form-urlencoded";
    /** The route's multipart limits, set by the app when a level configures them. */
    static final AttributeKey<MultipartLimits> MULTIPART_LIMITS = AttributeKey.of("wisp.multipartLimits");
    private static final Cleaner CLEANER = Cleaner.create();

    private final Request request;
    private final Json json;
    private PathParams params;
    private Params query;
    private Params form;
    private Map<String, String> cookies;
    private byte[] body;
    private MultipartReader multipart;
    private List<UploadedFile> files;

    private WebRequest(Request request, Json json) {
        this.request = request;
        this.json = json;
    }

    /** A view of {@code request} that reads JSON with {@code json}. */
    public static WebRequest of(Request request, Json json) {
        return new WebRequest(Objects.requireNonNull(request, "request"), Objects.requireNonNull(json, "json"));
    }

    /** The underlying core request. */
    public Request request() {
        return request;
    }

    public String method() {
        return request.method();
    }

    /** The percent-decoded path as this app sees it (below any mount prefix). */
    public String requestPath() {
        return request.path();
    }

    /** The prefix this app is mounted under, raw, or "" at the top (WSGI's {@code SCRIPT_NAME}). */
    public String basePath() {
        String base = request.attribute(App.BASE_PATH);
        return base == null ? "" : base;
    }

    public String header(String name) {
        return request.header(name);
    }

    public Headers headers() {
        return request.headers();
    }

    public <T> T attribute(AttributeKey<T> key) {
        return request.attribute(key);
    }

    // ---- path parameters

    /** All path parameters of the matched route. */
    public PathParams pathParams() {
        if (params == null) {
            PathParams p = request.attribute(App.PATH_PARAMS);
            params = p == null ? PathParams.EMPTY : p;
        }
        return params;
    }

    /** The decoded path parameter {@code name}: for {@code /users/{id}}, {@code path("id")}. */
    public String path(String name) {
        return pathParams().get(name);
    }

    public int pathInt(String name) {
        return pathParams().getInt(name);
    }

    public long pathLong(String name) {
        return pathParams().getLong(name);
    }

    public UUID pathUuid(String name) {
        return pathParams().getUuid(name);
    }

    // ---- query

    /** The decoded query parameters; a malformed query string is a 400. */
    public Params query() {
        if (query == null) {
            try {
                query = UrlEncoded.parse(request.query(), UrlEncoded.DEFAULT_MAX_PAIRS, "Query parameter");
            } catch (PercentEncoding.MalformedException e) {
                throw new BadRequestException("The query string is malformed: " + e.getMessage());
            }
        }
        return query;
    }

    /** The first value of query parameter {@code name}, or {@code null}. */
    public String query(String name) {
        return query().get(name);
    }

    public String query(String name, String defaultValue) {
        return query().get(name, defaultValue);
    }

    public List<String> queryAll(String name) {
        return query().all(name);
    }

    public int queryInt(String name, int defaultValue) {
        return query().getInt(name, defaultValue);
    }

    public long queryLong(String name, long defaultValue) {
        return query().getLong(name, defaultValue);
    }

    public boolean queryBoolean(String name, boolean defaultValue) {
        return query().getBoolean(name, defaultValue);
    }

    // ---- cookies

    /** The value of cookie {@code name}, or {@code null}. */
    public String cookie(String name) {
        return cookies().get(name);
    }

    public Map<String, String> cookies() {
        if (cookies == null) {
            cookies = Cookies.parse(request.headers());
        }
        return cookies;
    }

    // ---- body

    /** The whole body; bounded by the route's or the server's body limit (413 past it). */
    public byte[] bytes() throws IOException {
        if (multipart != null) {
            throw new IllegalStateException("The request body is being read as multipart");
        }
        if (body == null) {
            body = request.bytes();
        }
        return body;
    }

    /** The body if one of the body helpers has read it, else {@code null}. */
    byte[] bodyIfRead() {
        return body;
    }

    /** The body as text, in the {@code Content-Type} charset or else UTF-8. */
    public String text() throws IOException {
        return request.withBody(new ByteArrayInputStream(bytes())).text();
    }

    /** The JSON body bound to {@code type}: 415 unless it is JSON, 400 when it doesn't parse or fit. */
    public <T> T json(Class<T> type) throws IOException {
        Json.checkContentType(request.header("Content-Type"));
        return json.read(bytes(), type);
    }

    /** The JSON body bound to a generic type: {@code req.json(new TypeReference<List<Item>>() {})}. */
    public <T> T json(TypeReference<T> type) throws IOException {
        Json.checkContentType(request.header("Content-Type"));
        return json.read(bytes(), type);
    }

    /**
     * The fields of a form body, {@code application/x-www-form-urlencoded} or
     * {@code multipart/form-data} (RFC 7578): 415 for another type, 400 if malformed. For a
     * multipart body this holds the fields (parts without a filename, as UTF-8 text); the files are
     * read with them, spooled to memory or a temporary file, and are in {@link #files()}.
     */
    public Params form() throws IOException {
        if (form == null) {
            String type = request.header("Content-Type");
            if (MultipartReader.isMultipartFormData(type)) {
                readMultipartForm();
                return form;
            }
            if (!MediaType.parse(type).map(m -> m.is(FORM)).orElse(false)) {
                throw new UnsupportedMediaTypeException("This endpoint reads a form: send the body with Content-Type: "
                        + FORM + " or multipart/form-data");
            }
            byte[] body = bytes();
            String text;
            try {
                text = PercentEncoding.utf8(body, 0, body.length);
            } catch (PercentEncoding.MalformedException e) {
                throw new BadRequestException("The form body is not valid UTF-8");
            }
            try {
                form = UrlEncoded.parse(text, UrlEncoded.DEFAULT_MAX_PAIRS, "Form field");
            } catch (PercentEncoding.MalformedException e) {
                throw new BadRequestException("The form body is malformed: " + e.getMessage());
            }
            files = List.of();
        }
        return form;
    }

    /**
     * The files of a {@code multipart/form-data} form, in order (empty for a URL-encoded form);
     * reads the form like {@link #form()}. Each is in memory or a temporary file that is deleted
     * when the response is done, unless moved with {@link UploadedFile#moveTo}.
     */
    public List<UploadedFile> files() throws IOException {
        form();
        return files;
    }

    /** The first file sent as field {@code name}, or {@code null}. */
    public UploadedFile file(String name) throws IOException {
        for (UploadedFile f : files()) {
            if (f.name().equals(name)) {
                return f;
            }
        }
        return null;
    }

    /**
     * The {@code multipart/form-data} body as a stream of parts, for uploads that should go
     * somewhere as they arrive rather than through {@link #form()}: 415 for another type, 400
     * for a missing or invalid boundary. Limits are the route's ({@link Routes#multipartLimits})
     * or {@link MultipartLimits#defaults()}. Files spooled through it are deleted when the
     * response is done. The body can be read once: calling this after another body helper, or
     * twice, throws {@link IllegalStateException}.
     */
    public MultipartReader multipart() {
        MultipartLimits limits = request.attribute(MULTIPART_LIMITS);
        return multipart(limits == null ? MultipartLimits.defaults() : limits);
    }

    /** {@link #multipart()} with explicit limits. */
    public MultipartReader multipart(MultipartLimits limits) {
        if (multipart != null || body != null) {
            throw new IllegalStateException("The request body has already been read by another helper");
        }
        multipart = MultipartReader.of(request.body(), request.header("Content-Type"), limits);
        return multipart;
    }

    private void readMultipartForm() throws IOException {
        MultipartReader reader = multipart();
        List<String> pairs = new ArrayList<>();
        List<UploadedFile> uploads = new ArrayList<>();
        for (Part part; (part = reader.next()) != null; ) {
            if (part.isFile()) {
                uploads.add(part.spool());
            } else {
                pairs.add(part.name());
                pairs.add(part.text());
            }
        }
        form = new Params("Form field", pairs.toArray(new String[0]));
        files = List.copyOf(uploads);
    }

    /** Deletes what this view spooled (temporary upload files); idempotent. */
    void release() {
        if (multipart != null) {
            multipart.close();
        }
    }

    /**
     * Releases what this view acquired once {@code response} is done: now, or for a streamed body
     * (which may still read the uploads) after it is written. A streamed body the server never
     * writes (the client left, HEAD) is released when it becomes unreachable.
     */
    Response releaseAfter(Response response) {
        MultipartReader reader = multipart;
        if (reader == null) {
            return response;
        }
        int status = response.status();
        if (response.body() instanceof Body.Stream stream && status != 204 && status != 304
                && !request.method().equals("HEAD")) {
            BodyWriter writer = out -> {
                try {
                    stream.writer().writeTo(out);
                } finally {
                    reader.close();
                }
            };
            CLEANER.register(writer, reader::close);
            return response.withBody(new Body.Stream(writer));
        }
        reader.close();
        return response;
    }

    /** Calls {@code next} and releases this view's uploads when its response is done. */
    Response releasing(Handler next, Request request) throws Exception {
        Response response;
        try {
            response = next.handle(request);
        } catch (Throwable t) {
            release();
            throw t;
        }
        return releaseAfter(response);
    }

    /** The app's JSON, for writing responses by hand. */
    public Json json() {
        return json;
    }

    @Override
    public String toString() {
        return "WebRequest[" + request.method() + " " + request.target() + "]";
    }
}
