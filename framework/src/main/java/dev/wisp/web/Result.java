package dev.wisp.web;

import dev.wisp.server.Headers;
import dev.wisp.server.Response;
import dev.wisp.web.json.Json;
import dev.wisp.web.problem.NotFoundException;
import dev.wisp.web.problem.Problem;
import java.util.Objects;
import java.util.Optional;

/**
 * A route's answer when it needs a status or headers but the body should still go through the
 * usual conversion (JSON for objects):
 * <pre>{@code
 * app.post("/todos", req -> {
 *     Todo todo = todos.add(req.json(NewTodo.class));
 *     return Result.created("/todos/" + todo.id(), todo);   // 201, Location, JSON body
 * });
 * }</pre>
 *
 * @param status  the status code
 * @param headers headers added to those the body's conversion sets
 * @param body    converted by {@link #render}; {@code null} for no body
 */
public record Result(int status, Headers headers, Object body) {
    private static final Response NO_CONTENT = Response.status(204);

    public Result {
        if (status < 200 || status > 599) {
            throw new IllegalArgumentException("Result status must be 200..599, got " + status);
        }
        Objects.requireNonNull(headers, "headers");
    }

    /** 200 with {@code body}. */
    public static Result ok(Object body) {
        return new Result(200, Headers.empty(), body);
    }

    /** {@code status} with {@code body}. */
    public static Result of(int status, Object body) {
        return new Result(status, Headers.empty(), body);
    }

    /** 201 Created with a {@code Location} (RFC 9110 §15.3.2) and the created resource as body. */
    public static Result created(String location, Object body) {
        return new Result(201, Headers.of("Location", location), body);
    }

    /** 201 Created with a {@code Location} and no body. */
    public static Result created(String location) {
        return created(location, null);
    }

    /** 202 Accepted: taken on, not done yet. */
    public static Result accepted(Object body) {
        return new Result(202, Headers.empty(), body);
    }

    /** 204 No Content. */
    public static Result noContent() {
        return new Result(204, Headers.empty(), null);
    }

    /** 303 See Other: after a POST, fetch the result from {@code location} with GET. */
    public static Result seeOther(String location) {
        return redirect(303, location);
    }

    /** 302 Found: the classic temporary redirect (clients may turn a POST into a GET). */
    public static Result found(String location) {
        return redirect(302, location);
    }

    /** 307 Temporary Redirect: same method, same body, at {@code location}. */
    public static Result temporaryRedirect(String location) {
        return redirect(307, location);
    }

    /** 308 Permanent Redirect: same method, and update your links. */
    public static Result permanentRedirect(String location) {
        return redirect(308, location);
    }

    /** A redirect with any 3xx status and a {@code Location}. */
    public static Result redirect(int status, String location) {
        if (status < 300 || status > 399) {
            throw new IllegalArgumentException("A redirect needs a 3xx status, got " + status);
        }
        return new Result(status, Headers.of("Location", location), null);
    }

    /** A copy with one more header. */
    public Result withHeader(String name, String value) {
        return new Result(status, headers.with(name, value), body);
    }

    /** This result as a response, its body converted with {@code json}. */
    public Response toResponse(Json json) {
        Response base = body == null ? NO_CONTENT : render(body, json);
        Headers merged = base.headers();
        for (int i = 0; i < headers.size(); i++) {
            merged = merged.with(headers.name(i), headers.value(i));
        }
        return new Response(status, merged, base.body());
    }

    /**
     * The conversion rules for a route's return value:
     * <ul>
     *   <li>{@code Response} → as is;</li>
     *   <li>{@code null} → 204 No Content;</li>
     *   <li>{@code String} → 200 {@code text/plain; charset=utf-8};</li>
     *   <li>{@code byte[]} → 200 {@code application/octet-stream};</li>
     *   <li>{@code Result} → its status and headers, its body converted by these rules;</li>
     *   <li>{@code Problem} → its problem document;</li>
     *   <li>{@code Optional} → its value converted, or a 404 problem when empty;</li>
     *   <li>anything else → 200 {@code application/json} via {@code json}.</li>
     * </ul>
     */
    public static Response render(Object value, Json json) {
        // An instanceof chain rather than a pattern switch: this runs on every request (see Router).
        if (value == null) {
            return NO_CONTENT;
        }
        if (value instanceof Response r) {
            return r;
        }
        if (value instanceof String s) {
            return Response.text(s);
        }
        if (value instanceof byte[] b) {
            return Response.bytes(b);
        }
        if (value instanceof Result r) {
            return r.toResponse(json);
        }
        if (value instanceof Problem p) {
            return p.toResponse();
        }
        if (value instanceof Optional<?> o) {
            if (o.isEmpty()) {
                throw new NotFoundException("No such resource");
            }
            return render(o.get(), json);
        }
        return json.response(value);
    }
}
