package dev.wisp.web.problem;

import java.util.Objects;

/**
 * One problem with one part of a request, listed in a problem document's {@code errors} member
 * (the shape of the RFC 9457 §3 example). {@code location} says where the bad value was:
 * {@code "pointer"} (a JSON Pointer into the body, as a URI fragment: {@code "#/items/0/price"}),
 * {@code "parameter"} (a path or query parameter, or a form field) or {@code "header"}; {@code name}
 * is the pointer or the name. Rendered as {@code {"pointer": "#/age", "detail": "must be positive"}}.
 *
 * @param location {@code pointer}, {@code parameter} or {@code header}
 * @param name     the JSON Pointer or the parameter/header name
 * @param detail   what is wrong with it, written for the client developer
 */
public record FieldError(String location, String name, String detail) {

    public FieldError {
        Objects.requireNonNull(location, "location");
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(detail, "detail");
        if (!location.equals("pointer") && !location.equals("parameter") && !location.equals("header")) {
            throw new IllegalArgumentException("FieldError location must be 'pointer', 'parameter' or 'header', got '" + location + "'");
        }
    }

    /** An error in the JSON body at a JSON Pointer; a pointer without {@code #} gets one prepended. */
    public static FieldError pointer(String jsonPointer, String detail) {
        return new FieldError("pointer", jsonPointer.startsWith("#") ? jsonPointer : "#" + jsonPointer, detail);
    }

    /** An error in a path or query parameter or a form field. */
    public static FieldError parameter(String name, String detail) {
        return new FieldError("parameter", name, detail);
    }

    /** An error in a request header. */
    public static FieldError header(String name, String detail) {
        return new FieldError("header", name, detail);
    }
}
