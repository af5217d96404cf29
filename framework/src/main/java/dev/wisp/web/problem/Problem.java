package dev.wisp.web.problem;

import dev.wisp.server.Body;
import dev.wisp.server.Headers;
import dev.wisp.server.Request;
import dev.wisp.server.Response;
import dev.wisp.server.Status;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

/**
 * An RFC 9457 problem document as an immutable value, rendered as {@code application/problem+json}.
 *
 * <p>{@code type} defaults to {@code about:blank}, in which case the title is the status's reason
 * phrase (RFC 9457 §4.2.1). {@code detail} is sent to the client as is: write it for the client
 * developer and never put internal state (stack traces, SQL, file paths) in it. {@code instance} is
 * usually the request path. {@code errors} lists per-field problems (validation), and
 * {@code extensions} holds further members (RFC 9457 §3.2) whose values may be strings, numbers,
 * booleans, {@code null}, lists or maps of those; anything else is rendered with {@code toString()}.
 *
 * @param type       a URI reference naming the problem type; {@code about:blank} when generic
 * @param title      a short summary of the problem type
 * @param status     the HTTP status code
 * @param detail     this occurrence explained; may be {@code null}
 * @param instance   a URI reference for this occurrence; may be {@code null}
 * @param errors     per-field problems; empty when there are none
 * @param extensions extra members, in order; names must not clash with the standard ones
 */
public record Problem(String type, String title, int status, String detail, String instance,
                      List<FieldError> errors, Map<String, Object> extensions) {

    /** The media type of problem documents (RFC 9457 §3). */
    public static final String MEDIA_TYPE = "application/problem+json";
    private static final Headers HEADERS = Headers.of("Content-Type", MEDIA_TYPE);
    private static final Set<String> STANDARD = Set.of("type", "title", "status", "detail", "instance", "errors");

    public Problem {
        Objects.requireNonNull(type, "type");
        Objects.requireNonNull(title, "title");
        if (status < 400 || status > 599) {
            throw new IllegalArgumentException("A problem document describes an error: status must be 400..599, got " + status);
        }
        errors = List.copyOf(errors);
        Map<String, Object> copy = new LinkedHashMap<>(extensions);
        for (String name : copy.keySet()) {
            if (STANDARD.contains(name)) {
                throw new IllegalArgumentException("Problem extension '" + name + "' clashes with a standard member; use withDetail/withErrors/... or pick another name");
            }
        }
        extensions = Collections.unmodifiableMap(copy);
    }

    /** A generic problem for {@code status}: type {@code about:blank}, the reason phrase as title. */
    public static Problem of(int status) {
        String reason = Status.reason(status);
        return new Problem("about:blank", reason.isEmpty() ? "Error " + status : reason, status, null, null, List.of(), Map.of());
    }

    /** A generic problem for {@code status} with a detail message. */
    public static Problem of(int status, String detail) {
        return of(status).withDetail(detail);
    }

    public Problem withType(String type, String title) {
        return new Problem(type, title, status, detail, instance, errors, extensions);
    }

    public Problem withTitle(String title) {
        return new Problem(type, title, status, detail, instance, errors, extensions);
    }

    public Problem withDetail(String detail) {
        return new Problem(type, title, status, detail, instance, errors, extensions);
    }

    public Problem withInstance(String instance) {
        return new Problem(type, title, status, detail, instance, errors, extensions);
    }

    /**
     * The {@code instance} to use for a problem about {@code request} (RFC 9457 §3.1.5): the path as
     * the client sent it, without the query, so a mounted app still reports the full path.
     */
    public static String instanceOf(Request request) {
        String t = request.target();
        if (!t.startsWith("/")) {
            return request.rawPath();
        }
        int q = t.indexOf('?');
        return q < 0 ? t : t.substring(0, q);
    }

    public Problem withErrors(List<FieldError> errors) {
        return new Problem(type, title, status, detail, instance, errors, extensions);
    }

    /** A copy with one more extension member. */
    public Problem with(String name, Object value) {
        Map<String, Object> copy = new LinkedHashMap<>(extensions);
        copy.put(Objects.requireNonNull(name, "name"), value);
        return new Problem(type, title, status, detail, instance, errors, copy);
    }

    /** The document as UTF-8 JSON bytes. Never fails: it does not go through a configurable mapper. */
    public byte[] toJson() {
        ProblemJson json = new ProblemJson();
        json.beginObject();
        json.member("type", type);
        json.member("title", title);
        json.member("status", status);
        if (detail != null) {
            json.member("detail", detail);
        }
        if (instance != null) {
            json.member("instance", instance);
        }
        if (!errors.isEmpty()) {
            List<Object> list = new ArrayList<>(errors.size());
            for (FieldError e : errors) {
                Map<String, Object> item = new LinkedHashMap<>();
                item.put(e.location(), e.name());
                item.put("detail", e.detail());
                list.add(item);
            }
            json.member("errors", list);
        }
        extensions.forEach(json::member);
        json.endObject();
        return json.toBytes();
    }

    /** This problem as a response: its status, {@code application/problem+json}, the JSON body. */
    public Response toResponse() {
        return new Response(status, HEADERS, new Body.Bytes(toJson()));
    }
}
