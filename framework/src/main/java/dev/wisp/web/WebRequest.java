package dev.wisp.web;

import dev.wisp.server.AttributeKey;
import dev.wisp.server.Headers;
import dev.wisp.server.MediaType;
import dev.wisp.server.PercentEncoding;
import dev.wisp.server.Request;
import dev.wisp.web.json.Json;
import dev.wisp.web.problem.BadRequestException;
import dev.wisp.web.problem.UnsupportedMediaTypeException;
import dev.wisp.web.routing.PathParams;
import java.io.ByteArrayInputStream;
import java.io.IOException;
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
 * the server's 413 through for a body over its limit. Asking for a path parameter the route does
 * not declare is a programming error ({@link IllegalArgumentException}, so a 500).
 *
 * <p><b>Body.</b> The body streams from the connection and can be read once:
 * {@link #bytes()}, {@link #text()}, {@link #json}, {@link #form()} share one read, but reading
 * {@code request().body()} yourself bypasses them.
 */
public final class WebRequest {
    private static final String FORM = "application/x-www-form-urlencoded";

    private final Request request;
    private final Json json;
    private PathParams params;
    private Params query;
    private Params form;
    private Map<String, String> cookies;
    private byte[] body;

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

    /** The whole body; bounded by the server's body limit (413 past it). */
    public byte[] bytes() throws IOException {
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

    /** The fields of an {@code application/x-www-form-urlencoded} body: 415 for another type, 400 if malformed. */
    public Params form() throws IOException {
        if (form == null) {
            if (!MediaType.parse(request.header("Content-Type")).map(m -> m.is(FORM)).orElse(false)) {
                throw new UnsupportedMediaTypeException("This endpoint reads a form: send the body with Content-Type: " + FORM);
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
        }
        return form;
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
