package dev.wisp.validation;

import dev.wisp.web.WebRequest;
import dev.wisp.web.json.Json;
import dev.wisp.web.problem.FieldError;
import dev.wisp.web.problem.ValidationException;
import jakarta.validation.ConstraintViolation;
import jakarta.validation.Path;
import jakarta.validation.Validation;
import jakarta.validation.Validator;
import jakarta.validation.ValidatorFactory;
import java.io.IOException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.Set;
import org.hibernate.validator.HibernateValidator;
import org.hibernate.validator.messageinterpolation.ParameterMessageInterpolator;
import tools.jackson.databind.json.JsonMapper;

/**
 * JSON bodies bound and checked with Jakarta Bean Validation (Hibernate Validator): the
 * constraints on a record's components ({@code @NotBlank String title}) run after binding, and
 * every violation becomes one entry of a 422 {@link ValidationException}, the same problem
 * document a hand-written check throws.
 *
 * <pre>{@code
 * record NewTodo(@NotBlank @Size(max = 200) String title, @Valid List<@Valid Tag> tags) {}
 *
 * app.post("/todos", req -> {
 *     NewTodo input = Validated.json(req, NewTodo.class);      // 415 / 400 / 422, or a valid NewTodo
 *     return Result.created("/todos/" + store.add(input).id(), ...);
 * });
 * }</pre>
 *
 * answers, for {@code {"title": " ", "tags": [{"name": ""}]}}:
 *
 * <pre>{@code
 * 422 application/problem+json
 * {"type": "about:blank", "title": "Unprocessable Content", "status": 422,
 *  "detail": "The request body has invalid values; see errors",
 *  "errors": [{"pointer": "#/tags/0/name", "detail": "must not be blank"},
 *             {"pointer": "#/title", "detail": "must not be blank"}]}
 * }</pre>
 *
 * <p><b>Pointers</b> are JSON Pointers (RFC 6901) into the body as a URI fragment, with the
 * names the app's JSON mapper uses ({@code @JsonProperty}, naming strategies), list indexes and
 * map keys; a class-level constraint points at the whole body ({@code #}). Entries are sorted by
 * pointer, then message. <b>Messages</b> are the constraints' English defaults
 * ({@code "size must be between 1 and 200"}), interpolated without Jakarta EL (Hibernate's
 * {@link ParameterMessageInterpolator}: no expression language on the classpath, none evaluated),
 * and name no Java class.
 *
 * <p><b>Errors:</b> 415 when the body isn't JSON, 400 when it doesn't parse or bind (from the
 * framework's JSON binding, before any constraint runs), 422 for violations. Building the
 * validator takes a moment (tens of milliseconds); it is built once per JSON mapper and reused.
 * Thread-safe.
 */
public final class Validated {
    private static volatile Validated last;

    private final JsonMapper mapper;
    private final Validator validator;

    private Validated(JsonMapper mapper, Validator validator) {
        this.mapper = mapper;
        this.validator = validator;
    }

    /** A validator naming properties as {@code json} does. */
    public static Validated using(Json json) {
        JsonMapper mapper = Objects.requireNonNull(json, "json").mapper();
        ValidatorFactory factory = Validation.byProvider(HibernateValidator.class)
                .configure()
                .messageInterpolator(new ParameterMessageInterpolator(Set.of(Locale.ENGLISH), Locale.ENGLISH, false))
                .propertyNodeNameProvider(new JsonPropertyNames(mapper))
                .buildValidatorFactory();
        // The factory lives as long as the app, like the mapper; it is never closed.
        return new Validated(mapper, factory.getValidator());
    }

    /**
     * The JSON body bound to {@code type} and validated: 415 unless it is JSON, 400 when it
     * doesn't parse or bind, 422 with one error per violation.
     */
    public static <T> T json(WebRequest request, Class<T> type) throws IOException {
        return forJson(request.json()).read(request, type);
    }

    /** {@link #json(WebRequest, Class)} with this validator. */
    public <T> T read(WebRequest request, Class<T> type) throws IOException {
        return validate(request.json(type));
    }

    /** Returns {@code value} when it satisfies its constraints, else throws a 422 {@link ValidationException}. */
    public <T> T validate(T value) {
        Objects.requireNonNull(value, "value");
        Set<ConstraintViolation<T>> violations = validator.validate(value);
        if (!violations.isEmpty()) {
            throw new ValidationException(errors(violations));
        }
        return value;
    }

    /** One pointer error per violation, in a stable order. */
    static List<FieldError> errors(Set<? extends ConstraintViolation<?>> violations) {
        List<FieldError> errors = new ArrayList<>(violations.size());
        for (ConstraintViolation<?> v : violations) {
            errors.add(FieldError.pointer(pointer(v.getPropertyPath()), v.getMessage()));
        }
        errors.sort(Comparator.comparing(FieldError::name).thenComparing(FieldError::detail));
        return errors;
    }

    /**
     * The JSON Pointer (RFC 6901) for a property path: {@code items[0].name} → {@code /items/0/name};
     * a container element ({@code List<@NotBlank String> tags}) adds only its index or key.
     */
    static String pointer(Path path) {
        StringBuilder sb = new StringBuilder();
        for (Path.Node node : path) {
            if (node.isInIterable()) {
                Object key = node.getIndex() != null ? node.getIndex() : node.getKey();
                if (key != null) {
                    sb.append('/');
                    escape(sb, key.toString());
                }
            }
            switch (node.getKind()) {
                case PROPERTY -> {
                    sb.append('/');
                    escape(sb, node.getName());
                }
                default -> {
                    // BEAN (class-level constraints), CONTAINER_ELEMENT: no name of their own in JSON.
                }
            }
        }
        return sb.toString();
    }

    /** RFC 6901 §3: '~' → '~0', '/' → '~1'. */
    private static void escape(StringBuilder sb, String token) {
        for (int i = 0; i < token.length(); i++) {
            char c = token.charAt(i);
            if (c == '~') {
                sb.append("~0");
            } else if (c == '/') {
                sb.append("~1");
            } else {
                sb.append(c);
            }
        }
    }

    /** The shared validator for {@code json}'s mapper, built on first use (apps have one mapper). */
    private static Validated forJson(Json json) {
        Validated v = last;
        if (v == null || v.mapper != json.mapper()) {
            v = using(json);
            last = v;
        }
        return v;
    }
}
