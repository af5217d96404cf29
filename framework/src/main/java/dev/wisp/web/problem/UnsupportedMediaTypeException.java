package dev.wisp.web.problem;

import dev.wisp.server.Headers;
import java.util.List;

/** 415: The body's media type is not one this endpoint reads (RFC 9110 §15.5.16); say in the detail which one it accepts. */
public class UnsupportedMediaTypeException extends HttpException {

    public UnsupportedMediaTypeException(String detail) {
        super(415, detail);
    }

    public UnsupportedMediaTypeException(String detail, List<FieldError> errors) {
        super(415, detail, Headers.empty(), errors, null);
    }

    public UnsupportedMediaTypeException(String detail, Throwable cause) {
        super(415, detail, cause);
    }

    public UnsupportedMediaTypeException(String detail, List<FieldError> errors, Throwable cause) {
        super(415, detail, Headers.empty(), errors, cause);
    }
}
