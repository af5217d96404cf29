package dev.wisp.web.json;

import dev.wisp.server.Body;
import dev.wisp.server.Headers;
import dev.wisp.server.MediaType;
import dev.wisp.server.Request;
import dev.wisp.server.Response;
import dev.wisp.web.problem.BadRequestException;
import dev.wisp.web.problem.UnsupportedMediaTypeException;
import java.io.IOException;
import java.lang.reflect.Type;
import java.util.Objects;
import java.util.concurrent.ConcurrentHashMap;
import tools.jackson.core.JacksonException;
import tools.jackson.core.type.TypeReference;
import tools.jackson.databind.DeserializationFeature;
import tools.jackson.databind.ObjectReader;
import tools.jackson.databind.json.JsonMapper;

/**
 * The framework's JSON: one configured Jackson {@link JsonMapper}. Immutable and thread-safe; an
 * {@code App} holds one.
 *
 * <p><b>Caching.</b> The mapper caches its serializers and deserializers per type. Writes go
 * through {@code mapper.writeValueAsBytes}: with Jackson 3.1.7 a separately cached
 * {@code ObjectWriter} measured about 25% slower per small object (≈150 vs ≈120 ns), and reading
 * through a cached {@code ObjectReader} was no faster than the mapper. Only generic types get a
 * cached reader, so their {@code JavaType} is resolved once.
 *
 * <p><b>Defaults</b> ({@link #defaultMapper()}): Jackson 3's defaults, plus
 * {@code FAIL_ON_UNKNOWN_PROPERTIES} enabled, so a body with a property the target type does not
 * have is rejected with 400 rather than silently dropped: a typo ({@code "titel"}) should fail
 * loudly, not store a todo without a title. To ignore unknown properties instead, or to change
 * anything else, configure a mapper and wrap it:
 * <pre>{@code
 * Json json = Json.using(Json.defaultBuilder()
 *         .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
 *         .build());
 * App app = App.create(json);
 * }</pre>
 *
 * <p><b>Reading</b> ({@link #readBody}) accepts {@code application/json} and any {@code +json}
 * type ({@code application/merge-patch+json}), with no charset or {@code charset=utf-8} (RFC 8259
 * §8.1): anything else is a 415 problem. Malformed JSON is a 400 problem with {@code line} and
 * {@code column} members; JSON of the wrong shape (a string for a number, a missing required
 * constructor argument, an unknown property) is a 400 problem with one {@code errors} entry whose
 * JSON Pointer names the offending field. The body size is bounded by the server's body limit.
 *
 * <p><b>Writing</b> ({@link #write}) serialises straight to a byte array;
 * {@link #response} wraps it in a 200 {@code application/json} response.
 */
public final class Json {
    /** {@code application/json}: RFC 8259 defines no charset parameter, UTF-8 is implied. */
    public static final String MEDIA_TYPE = "application/json";
    private static final Headers JSON_HEADERS = Headers.of("Content-Type", MEDIA_TYPE);

    private final JsonMapper mapper;
    private final ConcurrentHashMap<Type, ObjectReader> genericReaders = new ConcurrentHashMap<>();

    private Json(JsonMapper mapper) {
        this.mapper = mapper;
    }

    /** JSON with {@link #defaultMapper()}. */
    public static Json create() {
        return new Json(defaultMapper());
    }

    /** JSON with your own mapper; it is used as given. */
    public static Json using(JsonMapper mapper) {
        return new Json(Objects.requireNonNull(mapper, "mapper"));
    }

    /** A builder preloaded with Wisp's defaults, to adjust and hand to {@link #using}. */
    public static JsonMapper.Builder defaultBuilder() {
        return JsonMapper.builder().enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES);
    }

    /** Wisp's default mapper: Jackson 3 defaults plus rejecting unknown properties. */
    public static JsonMapper defaultMapper() {
        return defaultBuilder().build();
    }

    public JsonMapper mapper() {
        return mapper;
    }

    /** {@code value} as UTF-8 JSON bytes. Serialisation failures are programming errors (500). */
    public byte[] write(Object value) {
        if (value == null) {
            return new byte[] {'n', 'u', 'l', 'l'};
        }
        return mapper.writeValueAsBytes(value);
    }

    /** 200 with {@code application/json} and {@code value} as the body. */
    public Response response(Object value) {
        return new Response(200, JSON_HEADERS, new Body.Bytes(write(value)));
    }

    /** {@code status} with {@code application/json} and {@code value} as the body. */
    public Response response(int status, Object value) {
        return new Response(status, JSON_HEADERS, new Body.Bytes(write(value)));
    }

    /** Binds JSON bytes to {@code type}; 400 {@link BadRequestException} when they don't fit. */
    public <T> T read(byte[] json, Class<T> type) {
        try {
            return mapper.readValue(json, type);
        } catch (JacksonException e) {
            throw JsonErrors.toProblem(e);
        }
    }

    /** Binds JSON bytes to a generic type: {@code read(bytes, new TypeReference<List<Todo>>() {})}. */
    public <T> T read(byte[] json, TypeReference<T> type) {
        ObjectReader reader = genericReaders.computeIfAbsent(type.getType(), t -> mapper.readerFor(type));
        try {
            return reader.readValue(json);
        } catch (JacksonException e) {
            throw JsonErrors.toProblem(e);
        }
    }

    /** Checks the content type (415), reads the whole body and binds it to {@code type} (400). */
    public <T> T readBody(Request request, Class<T> type) throws IOException {
        checkContentType(request.header("Content-Type"));
        return read(request.bytes(), type);
    }

    /** {@link #readBody(Request, Class)} for a generic type. */
    public <T> T readBody(Request request, TypeReference<T> type) throws IOException {
        checkContentType(request.header("Content-Type"));
        return read(request.bytes(), type);
    }

    /**
     * Throws 415 unless {@code contentType} is {@code application/json} or a {@code +json} type
     * (RFC 6839 §3.1) with no charset or UTF-8.
     */
    public static void checkContentType(String contentType) {
        if (contentType == null) {
            throw new UnsupportedMediaTypeException("This endpoint reads JSON: send the body with Content-Type: application/json");
        }
        MediaType type = MediaType.parse(contentType).orElse(null);
        if (type == null || !(type.is(MEDIA_TYPE) || type.suffix().equals("json"))) {
            throw new UnsupportedMediaTypeException("This endpoint reads JSON, but the body's Content-Type is not JSON: send application/json (or a +json type)");
        }
        if (!type.charsetName().map(c -> c.equalsIgnoreCase("utf-8")).orElse(true)) {
            throw new UnsupportedMediaTypeException("JSON must be sent as UTF-8 (RFC 8259 §8.1): drop the charset parameter or use charset=utf-8");
        }
    }
}
