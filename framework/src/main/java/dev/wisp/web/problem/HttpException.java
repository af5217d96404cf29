package dev.wisp.web.problem;

import dev.wisp.server.Headers;
import java.util.List;
import java.util.Objects;

/**
 * An error the application reports to the client: throw it from a route or middleware and the
 * framework answers with its status and an RFC 9457 problem document built from it. Unchecked, so
 * it can be thrown from lambdas.
 *
 * <p>The message is the problem's {@code detail} and is sent to the client: write it for the
 * client developer, and never put secrets or internal state in it. Subclasses fix the status
 * ({@link NotFoundException} is 404 …); this class can carry any 4xx/5xx status. Extra response
 * headers (a {@code WWW-Authenticate} challenge, an {@code Allow} list, {@code Retry-After}) travel
 * in {@link #headers()}.
 *
 * <p>No stack trace is captured: these exceptions are expected control flow, rendered and not
 * logged, and filling in a trace would be most of the cost of throwing one.
 */
public class HttpException extends RuntimeException {
    private final int status;
    private final Headers headers;
    private final List<FieldError> errors;

    public HttpException(int status, String detail) {
        this(status, detail, Headers.empty(), List.of(), null);
    }

    public HttpException(int status, String detail, Throwable cause) {
        this(status, detail, Headers.empty(), List.of(), cause);
    }

    /**
     * The full form.
     *
     * @param headers extra headers for the error response
     * @param errors  per-field problems, rendered in the document's {@code errors} member
     * @param cause   kept for debugging; never rendered
     */
    public HttpException(int status, String detail, Headers headers, List<FieldError> errors, Throwable cause) {
        super(detail, cause, false, false);
        if (status < 400 || status > 599) {
            throw new IllegalArgumentException("HttpException status must be 400..599, got " + status);
        }
        this.status = status;
        this.headers = Objects.requireNonNull(headers, "headers");
        this.errors = List.copyOf(errors);
    }

    public int status() {
        return status;
    }

    /** The detail sent to the client; may be {@code null}. */
    public String detail() {
        return getMessage();
    }

    /** Headers to add to the error response. */
    public Headers headers() {
        return headers;
    }

    public List<FieldError> errors() {
        return errors;
    }

    /**
     * The problem document for this exception. Override to set a {@code type} URI or extension
     * members for your own exception classes.
     */
    public Problem toProblem() {
        return Problem.of(status, getMessage()).withErrors(errors);
    }
}
