package dev.wisp.web.problem;

import dev.wisp.server.Headers;
import java.util.List;

/** 403: The client is known but may not do this (RFC 9110 §15.5.4). */
public class ForbiddenException extends HttpException {

    public ForbiddenException(String detail) {
        super(403, detail);
    }

    public ForbiddenException(String detail, List<FieldError> errors) {
        super(403, detail, Headers.empty(), errors, null);
    }

    public ForbiddenException(String detail, Throwable cause) {
        super(403, detail, cause);
    }

    public ForbiddenException(String detail, List<FieldError> errors, Throwable cause) {
        super(403, detail, Headers.empty(), errors, cause);
    }
}
