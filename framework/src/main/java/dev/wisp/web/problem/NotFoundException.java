package dev.wisp.web.problem;

import dev.wisp.server.Headers;
import java.util.List;

/** 404: No resource here (RFC 9110 §15.5.5). */
public class NotFoundException extends HttpException {

    public NotFoundException(String detail) {
        super(404, detail);
    }

    public NotFoundException(String detail, List<FieldError> errors) {
        super(404, detail, Headers.empty(), errors, null);
    }

    public NotFoundException(String detail, Throwable cause) {
        super(404, detail, cause);
    }

    public NotFoundException(String detail, List<FieldError> errors, Throwable cause) {
        super(404, detail, Headers.empty(), errors, cause);
    }
}
