package dev.wisp.sample;

import dev.wisp.web.problem.FieldError;
import dev.wisp.web.problem.ValidationException;
import java.util.ArrayList;
import java.util.List;
import tools.jackson.databind.JsonNode;

/**
 * A todo as a client sends it, validated field by field so that one 422 response lists every
 * problem at once (RFC 9457 field errors with JSON Pointers). Read from a JSON tree rather than
 * bound to a record: a wrong type ({@code "completed": "yes"}) is then a field error like any
 * other, not a binding failure.
 *
 * @param title     trimmed; {@code null} when absent (allowed for PATCH only)
 * @param completed {@code null} when absent
 */
record TodoInput(String title, Boolean completed) {
    static final int MAX_TITLE = 200;

    /** For POST and PUT: {@code title} required, {@code completed} optional. */
    static TodoInput full(JsonNode body) {
        return parse(body, true);
    }

    /** For PATCH (merge): every field optional. */
    static TodoInput partial(JsonNode body) {
        return parse(body, false);
    }

    private static TodoInput parse(JsonNode body, boolean titleRequired) {
        if (body == null || !body.isObject()) {
            throw new ValidationException(FieldError.pointer("", "must be a JSON object such as {\"title\": \"Buy milk\"}"));
        }
        List<FieldError> errors = new ArrayList<>();
        for (String name : body.propertyNames()) {
            if (!name.equals("title") && !name.equals("completed")) {
                errors.add(FieldError.pointer("/" + escape(name), "unknown field; a todo has only 'title' and 'completed'"));
            }
        }
        String title = null;
        JsonNode t = body.get("title");
        if (t == null) {
            if (titleRequired) {
                errors.add(FieldError.pointer("/title", "is required"));
            }
        } else if (!t.isString()) {
            errors.add(FieldError.pointer("/title", "must be a string"));
        } else {
            title = t.stringValue().strip();
            if (title.isEmpty()) {
                errors.add(FieldError.pointer("/title", "must not be blank"));
            } else if (title.length() > MAX_TITLE) {
                errors.add(FieldError.pointer("/title", "must be at most " + MAX_TITLE + " characters, was " + title.length()));
            }
        }
        Boolean completed = null;
        JsonNode c = body.get("completed");
        if (c != null) {
            if (c.isBoolean()) {
                completed = c.booleanValue();
            } else {
                errors.add(FieldError.pointer("/completed", "must be true or false"));
            }
        }
        if (!errors.isEmpty()) {
            throw new ValidationException(errors);
        }
        return new TodoInput(title, completed);
    }

    /** RFC 6901 escaping of a property name inside a JSON Pointer. */
    private static String escape(String name) {
        return name.replace("~", "~0").replace("/", "~1");
    }
}
