package dev.wisp.sample;

import dev.wisp.validation.Validated;
import dev.wisp.web.problem.FieldError;
import dev.wisp.web.problem.ValidationException;
import jakarta.validation.constraints.Size;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import tools.jackson.databind.JsonNode;

/**
 * A todo as a client sends it. One 422 response lists every problem at once (RFC 9457 field
 * errors with JSON Pointers), in two steps:
 * <ol>
 *   <li>the body's shape, by hand: a JSON object, no unknown fields, {@code title} a string and
 *       {@code completed} a boolean, {@code title} present for POST and PUT. Done on the JSON tree
 *       rather than by binding, so that {@code "completed": "yes"} is one more 422 entry and not a
 *       400 binding failure;</li>
 *   <li>the values, by the constraints on this record's components (Bean Validation through
 *       {@link Validated}, on the trimmed title).</li>
 * </ol>
 * A field with a shape error gets no value error too.
 *
 * @param title     trimmed; {@code null} when absent (allowed for PATCH only)
 * @param completed {@code null} when absent
 */
record TodoInput(
        @Size(min = 1, message = "must not be blank")
        @Size(max = MAX_TITLE, message = "must be at most {max} characters") String title,
        Boolean completed) {
    static final int MAX_TITLE = 200;

    /** For POST and PUT: {@code title} required, {@code completed} optional. */
    static TodoInput full(JsonNode body, Validated validated) {
        return parse(body, true, validated);
    }

    /** For PATCH (merge): every field optional. */
    static TodoInput partial(JsonNode body, Validated validated) {
        return parse(body, false, validated);
    }

    private static TodoInput parse(JsonNode body, boolean titleRequired, Validated validated) {
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
        } else if (t.isString()) {
            title = t.stringValue().strip();
        } else {
            errors.add(FieldError.pointer("/title", "must be a string"));
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
        TodoInput input = new TodoInput(title, completed);
        try {
            validated.validate(input);
        } catch (ValidationException e) {
            errors.addAll(e.errors());
        }
        if (!errors.isEmpty()) {
            errors.sort(Comparator.comparing(FieldError::name));
            throw new ValidationException(errors);
        }
        return input;
    }

    /** RFC 6901 escaping of a property name inside a JSON Pointer. */
    private static String escape(String name) {
        return name.replace("~", "~0").replace("/", "~1");
    }
}
