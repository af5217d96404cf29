package dev.wisp.web.json;

import dev.wisp.web.problem.FieldError;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.time.temporal.Temporal;
import java.util.Arrays;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import tools.jackson.core.JacksonException;
import tools.jackson.core.TokenStreamLocation;
import tools.jackson.core.exc.JacksonIOException;
import tools.jackson.core.exc.StreamReadException;
import tools.jackson.databind.exc.InvalidDefinitionException;
import tools.jackson.databind.exc.InvalidNullException;
import tools.jackson.databind.exc.MismatchedInputException;
import tools.jackson.databind.exc.UnrecognizedPropertyException;
import tools.jackson.databind.exc.ValueInstantiationException;

/**
 * Turns Jackson's reading errors into 400 problems a client can act on: where (line, column, JSON
 * Pointer) and what was expected, in words rather than Java class names, which would leak the
 * server's internals. Errors that are the program's fault (a type Jackson cannot construct at
 * all) are rethrown and become a 500.
 */
final class JsonErrors {
    private static final int MAX_DETAIL = 200;

    private JsonErrors() {
    }

    static RuntimeException toProblem(JacksonException e) {
        if (e instanceof InvalidDefinitionException || e instanceof JacksonIOException) {
            return e; // a bug in the bound type, or I/O: not the client's fault
        }
        TokenStreamLocation loc = e.getLocation();
        int line = loc == null || loc == TokenStreamLocation.NA ? -1 : loc.getLineNr();
        int column = loc == null || loc == TokenStreamLocation.NA ? -1 : loc.getColumnNr();
        String at = line > 0 ? " (line " + line + ", column " + column + ")" : "";
        if (e instanceof StreamReadException) {
            return new JsonBodyException("The request body is not valid JSON" + at + ": " + cut(e.getOriginalMessage()),
                    line, column, List.of(), e);
        }
        String pointer = pointer(e);
        String why;
        if (e instanceof UnrecognizedPropertyException) {
            why = "is not a known property";
        } else if (e instanceof InvalidNullException) {
            why = "must not be null";
        } else if (e instanceof MismatchedInputException m && m.getTargetType() != null) {
            why = "must be " + describe(m.getTargetType());
        } else if (e instanceof ValueInstantiationException && e.getCause() instanceof IllegalArgumentException iae
                && iae.getMessage() != null) {
            why = cut(iae.getMessage()); // a record's compact constructor rejecting a value: its own words
        } else {
            why = "does not fit the expected structure";
        }
        String where = pointer.isEmpty() ? "The request body" : "Field '" + pointer + "'";
        List<FieldError> errors = List.of(FieldError.pointer(pointer, why));
        return new JsonBodyException(where + " " + why + at, line, column, errors, e);
    }

    /** The failing location as a JSON Pointer (RFC 6901), e.g. {@code /items/0/price}. */
    static String pointer(JacksonException e) {
        StringBuilder sb = new StringBuilder();
        for (JacksonException.Reference ref : e.getPath()) {
            sb.append('/');
            if (ref.getPropertyName() != null) {
                sb.append(ref.getPropertyName().replace("~", "~0").replace("/", "~1"));
            } else if (ref.getIndex() >= 0) {
                sb.append(ref.getIndex());
            } else {
                sb.append('-');
            }
        }
        return sb.toString();
    }

    static String describe(Class<?> type) {
        if (type == int.class || type == Integer.class || type == long.class || type == Long.class
                || type == short.class || type == Short.class || type == byte.class || type == Byte.class
                || type == BigInteger.class) {
            return "an integer";
        }
        if (type == double.class || type == Double.class || type == float.class || type == Float.class
                || type == BigDecimal.class || Number.class.isAssignableFrom(type)) {
            return "a number";
        }
        if (type == boolean.class || type == Boolean.class) {
            return "true or false";
        }
        if (type == String.class || type == char.class || type == Character.class) {
            return "a string";
        }
        if (type == UUID.class) {
            return "a UUID string";
        }
        if (type.isEnum()) {
            Object[] constants = type.getEnumConstants();
            return "one of " + Arrays.toString(constants);
        }
        if (Temporal.class.isAssignableFrom(type)) {
            return "an ISO-8601 date/time string";
        }
        if (type.isArray() || Collection.class.isAssignableFrom(type)) {
            return "an array";
        }
        if (Map.class.isAssignableFrom(type) || !type.isPrimitive()) {
            return "an object";
        }
        return "a " + type.getSimpleName();
    }

    private static String cut(String s) {
        if (s == null) {
            return "";
        }
        return s.length() <= MAX_DETAIL ? s : s.substring(0, MAX_DETAIL) + "…";
    }
}
