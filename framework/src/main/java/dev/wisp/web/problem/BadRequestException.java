package dev.wisp.web.problem;

import dev.wisp.server.Headers;
import java.util.List;

/** 400: The request is malformed: a path or query parameter, a header, or a body that could not be parsed (RFC 9110 §15.5.1). */
public class BadRequestException extends HttpException {

    public BadRequestException(String detail) {
        super(400, detail);
    }

    public BadRequestException(String detail, List<FieldError> errors) {
        super(400, detail, Headers.empty(), errors, null);
    }

    public BadRequestException(String detail, Throwable cause) {
        super(400, detail, cause);
    }

    public BadRequestException(String detail, List<FieldError> errors, Throwable cause) {
        super(400, detail, Headers.empty(), errors, cause);
    }
}
