package dev.wisp.web.middleware;

import dev.wisp.server.Request;
import dev.wisp.server.Response;
import dev.wisp.web.problem.HttpException;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * Conditional requests (RFC 9110 §13): evaluates {@code If-Match}, {@code If-Unmodified-Since},
 * {@code If-None-Match} and {@code If-Modified-Since} against the current validators of the
 * selected representation, in the order of §13.2.2, in one call from a route:
 *
 * <pre>{@code
 * app.get("/todos/{id}", req -> {
 *     Todo todo = store.find(req.pathLong("id")).orElseThrow(NotFoundException::new);
 *     ETag tag = ETag.of(todo.version());
 *     return Conditional.check(req.request(), tag)                  // 304 when the client's copy is current
 *             .orElseGet(() -> json.response(200, todo).withHeader("ETag", tag.toString()));
 * });
 * app.put("/todos/{id}", req -> {
 *     Todo todo = store.find(req.pathLong("id")).orElseThrow(NotFoundException::new);
 *     Conditional.check(req.request(), ETag.of(todo.version()));    // 412 when If-Match is stale
 *     ...
 * });
 * }</pre>
 *
 * <p><b>Outcome.</b> {@code Optional.empty()}: go on and perform the method. A 304 response (with
 * {@code ETag} and {@code Last-Modified}) for GET and HEAD when the client's copy is current. A 412
 * {@link HttpException} (an {@code application/problem+json} response through the app's error
 * mapping) when {@code If-Match} or {@code If-Unmodified-Since} fails, or when {@code If-None-Match}
 * matches on a method other than GET and HEAD.
 *
 * <p><b>Rules.</b> {@code If-Match} compares strongly and {@code If-None-Match} weakly (§8.8.3.2);
 * both understand the {@code -gzip} tags {@link Compression} sends (see {@link EntityTags}).
 * {@code If-Unmodified-Since} is ignored when {@code If-Match} is present, {@code If-Modified-Since}
 * when {@code If-None-Match} is, or when the method is not GET or HEAD (§13.1.3, §13.1.4). A date
 * that is not a valid HTTP-date, or a date field sent more than once, is ignored; a malformed tag
 * list matches nothing. Dates compare in whole seconds. Preconditions are ignored for OPTIONS,
 * TRACE and CONNECT (§13.2.1). Call it after you know the request would otherwise succeed: §13.2.1
 * says a 404 or 403 comes before any precondition.
 *
 * <p>Stateless and thread-safe.
 */
public final class Conditional {

    /** What §13.2.2 concludes. */
    enum Outcome {
        PROCEED, NOT_MODIFIED, PRECONDITION_FAILED
    }

    private Conditional() {
    }

    /** {@link #check(Request, ETag, Instant)} for a representation without a modification date. */
    public static Optional<Response> check(Request request, ETag etag) {
        return check(request, etag, null);
    }

    /**
     * Evaluates the request's preconditions against an existing representation.
     *
     * @param etag         its current entity tag, or {@code null} when it has none
     * @param lastModified its modification time, or {@code null} when unknown
     * @return a 304 response to send instead, or empty to perform the method
     * @throws HttpException 412 when a precondition fails
     */
    public static Optional<Response> check(Request request, ETag etag, Instant lastModified) {
        String tag = etag == null ? null : etag.toString();
        long seconds = lastModified == null ? -1 : lastModified.getEpochSecond();
        return switch (evaluate(request, tag, seconds, true)) {
            case PROCEED -> Optional.empty();
            case NOT_MODIFIED -> {
                Response r = Response.status(304);
                if (tag != null) {
                    r = r.withHeader("ETag", tag);
                }
                if (lastModified != null) {
                    r = r.withHeader("Last-Modified", HttpDates.format(lastModified.toEpochMilli()));
                }
                yield Optional.of(r);
            }
            case PRECONDITION_FAILED -> throw preconditionFailed(request);
        };
    }

    /**
     * Evaluates the request's preconditions for a resource that has no current representation,
     * e.g. before a {@code PUT} creates it: any {@code If-Match} fails (412), and
     * {@code If-None-Match: *} ("only if it doesn't exist yet") passes.
     *
     * @throws HttpException 412 when a precondition fails
     */
    public static void checkAbsent(Request request) {
        if (evaluate(request, null, -1, false) != Outcome.PROCEED) {
            throw preconditionFailed(request);
        }
    }

    /**
     * RFC 9110 §13.2.2, steps 1 to 4.
     *
     * @param etag                the current tag with quotes, or null
     * @param lastModifiedSeconds the modification time in epoch seconds, or -1 when unknown
     * @param exists              whether there is a current representation
     */
    static Outcome evaluate(Request request, String etag, long lastModifiedSeconds, boolean exists) {
        String method = request.method();
        if (method.equals("OPTIONS") || method.equals("TRACE") || method.equals("CONNECT")) {
            return Outcome.PROCEED;
        }
        boolean getOrHead = method.equals("GET") || method.equals("HEAD");
        List<String> ifMatch = request.headers().all("If-Match");
        if (!ifMatch.isEmpty()) {
            if (!EntityTags.matches(joined(ifMatch), etag, exists, true)) {
                return Outcome.PRECONDITION_FAILED; // step 1
            }
        } else if (exists && lastModifiedSeconds >= 0) {
            long since = singleDate(request, "If-Unmodified-Since");
            if (since >= 0 && lastModifiedSeconds > since) {
                return Outcome.PRECONDITION_FAILED; // step 2
            }
        }
        List<String> ifNoneMatch = request.headers().all("If-None-Match");
        if (!ifNoneMatch.isEmpty()) {
            if (EntityTags.matches(joined(ifNoneMatch), etag, exists, false)) {
                return getOrHead ? Outcome.NOT_MODIFIED : Outcome.PRECONDITION_FAILED; // step 3
            }
        } else if (getOrHead && exists && lastModifiedSeconds >= 0) {
            long since = singleDate(request, "If-Modified-Since");
            if (since >= 0 && lastModifiedSeconds <= since) {
                return Outcome.NOT_MODIFIED; // step 4
            }
        }
        return Outcome.PROCEED;
    }

    static HttpException preconditionFailed(Request request) {
        String which = request.headers().contains("If-Match") ? "If-Match"
                : request.headers().contains("If-None-Match") ? "If-None-Match" : "If-Unmodified-Since";
        return new HttpException(412, "The precondition in " + which + " does not hold for the current representation: "
                + "fetch it again and retry with its ETag");
    }

    /** Several field lines of a list field are one list (RFC 9110 §5.3). */
    private static String joined(List<String> values) {
        return values.size() == 1 ? values.get(0) : String.join(", ", values);
    }

    /** The date in a field sent once, in epoch seconds; -1 when absent, repeated or invalid (§13.1.3). */
    private static long singleDate(Request request, String name) {
        List<String> values = request.headers().all(name);
        return values.size() == 1 ? HttpDates.parseSeconds(values.get(0)) : -1;
    }
}
