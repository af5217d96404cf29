package dev.wisp.web.problem;

import dev.wisp.server.Headers;
import java.util.List;

/**
 * 422 Unprocessable Content: the body was well-formed and of the right shape, but its values break
 * the application's rules (RFC 9110 §15.5.21). Wisp uses 400 for what it cannot parse or bind
 * (malformed JSON, a string where a number belongs) and leaves 422 to the application's own
 * validation, with one {@link FieldError} per broken rule:
 *
 * <pre>{@code
 * if (todo.title().isBlank()) {
 *     throw new ValidationException(FieldError.pointer("/title", "must not be blank"));
 * }
 * }</pre>
 */
public class ValidationException extends HttpException {

    public ValidationException(List<FieldError> errors) {
        this("The request body has invalid values; see errors", errors);
    }

    public ValidationException(FieldError... errors) {
        this(List.of(errors));
    }

    public ValidationException(String detail, List<FieldError> errors) {
        super(422, detail, Headers.empty(), errors, null);
        if (errors.isEmpty()) {
            throw new IllegalArgumentException("A ValidationException needs at least one FieldError saying what is invalid");
        }
    }
}
