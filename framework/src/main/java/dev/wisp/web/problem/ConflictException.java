package dev.wisp.web.problem;

import dev.wisp.server.Headers;
import java.util.List;

/** 409: The request conflicts with the current state of the resource, e.g. a duplicate key or a stale version (RFC 9110 §15.5.10). */
public class ConflictException extends HttpException {

    public ConflictException(String detail) {
        super(409, detail);
    }

    public ConflictException(String detail, List<FieldError> errors) {
        super(409, detail, Headers.empty(), errors, null);
    }

    public ConflictException(String detail, Throwable cause) {
        super(409, detail, cause);
    }

    public ConflictException(String detail, List<FieldError> errors, Throwable cause) {
        super(409, detail, Headers.empty(), errors, cause);
    }
}
