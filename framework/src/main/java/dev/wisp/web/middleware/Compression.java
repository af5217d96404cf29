package dev.wisp.web.middleware;

import dev.wisp.server.Body;
import dev.wisp.server.Handler;
import dev.wisp.server.Headers;
import dev.wisp.server.Request;
import dev.wisp.server.Response;
import dev.wisp.web.problem.Problem;
import java.util.List;
import java.util.Objects;

/**
 * Compresses responses with gzip when the client accepts it, and optionally decodes gzip request
 * bodies. {@code app.use(Compression.create())} for the defaults of {@link CompressionConfig}.
 *
 * <p><b>Which responses.</b> A response is compressed when {@code Accept-Encoding} prefers gzip to
 * identity ({@link AcceptEncoding}: q-values, {@code x-gzip}, {@code *}; no field means identity),
 * its {@code Content-Type} is in {@link CompressionConfig#types()}, and its body is at least
 * {@link CompressionConfig#minSizeBytes()} long or of unknown length (a {@link Body.Stream},
 * compressed on the fly; files are streamed through the compressor too). It is never touched when
 * it is 204, 206 or 304, has no body, already has a {@code Content-Encoding}, or says
 * {@code Cache-Control: no-transform}. {@code text/event-stream} is compressed like other text:
 * every {@code flush()} of its writer is a deflate sync flush, so each event reaches the client
 * decodable.
 *
 * <p><b>What changes.</b> {@code Content-Encoding: gzip}; {@code Vary: Accept-Encoding} on every
 * response whose type is compressible, compressed or not, so caches keep the variants apart; a
 * strong {@code ETag} gets a coding suffix ({@code "abc"} → {@code "abc-gzip"}, RFC 9110 §8.8.3.3:
 * the variants have different bytes) that {@link Conditional} and {@link StaticFiles} understand in
 * {@code If-Match} and {@code If-None-Match}; a weak one stays (it may be shared by equivalent
 * variants). {@code Accept-Ranges} is removed, since ranges would apply to the uncompressed bytes.
 * A 304 answered to an {@code If-None-Match} that carried the suffixed tag gets that tag back, so a
 * cache's stored tag stays the one it has. A bytes body whose gzip is not smaller is sent as is.
 *
 * <p><b>HEAD</b> gets exactly the headers GET would get: the same decision is made and the same
 * body built (the server writes no body for HEAD; a stream is never run).
 *
 * <p><b>Nothing acceptable.</b> When {@code Accept-Encoding} refuses identity ({@code identity;q=0},
 * or {@code *;q=0} without {@code identity}) and accepts gzip, the body is compressed whatever its
 * type or size; when it accepts neither, a 2xx response becomes a 406 problem (RFC 9110 §12.5.3,
 * §15.5.7) and an error response is sent as is.
 *
 * <p><b>Request bodies</b> (off by default, {@link CompressionConfig#withRequestDecoding}): a body
 * with {@code Content-Encoding: gzip} (or {@code x-gzip}) reaches the handler decoded, without
 * {@code Content-Encoding} and {@code Content-Length}, bounded by
 * {@link CompressionConfig#maxDecodedRequestBytes()} (413 past it, 400 when it isn't gzip); any other
 * coding, or several, is a 415 problem with {@code Accept-Encoding: gzip} (RFC 9110 §15.5.16).
 * When off, request bodies pass through as sent.
 *
 * <p>zstd and brotli are not offered: the JDK has neither, and the libraries that do are native
 * code per platform; gzip is understood by every client.
 *
 * <p>Immutable and thread-safe.
 */
public final class Compression implements Middleware {
    private static final String VARY_VALUE = "Accept-Encoding";
    private final CompressionConfig config;
    private final MediaTypePatterns types;

    private Compression(CompressionConfig config) {
        this.config = Objects.requireNonNull(config, "config");
        this.types = MediaTypePatterns.compile(config.types());
    }

    /** Gzip with {@link CompressionConfig#defaults()}. */
    public static Compression create() {
        return new Compression(CompressionConfig.defaults());
    }

    public static Compression create(CompressionConfig config) {
        return new Compression(config);
    }

    public CompressionConfig config() {
        return config;
    }

    @Override
    public Handler wrap(Handler next) {
        if (!config.decodeRequests()) {
            return request -> respond(request, next.handle(request));
        }
        return request -> {
            String coding = request.header("Content-Encoding");
            if (coding == null) {
                return respond(request, next.handle(request));
            }
            Request decoded = decode(request);
            if (decoded == null) {
                Response refused = Problem.of(415, "The request body's Content-Encoding is not supported: send it as is or with gzip")
                        .withInstance(Problem.instanceOf(request)).toResponse()
                        .withHeader("Accept-Encoding", "gzip");
                return respond(request, refused);
            }
            return respond(request, next.handle(decoded));
        };
    }

    /** The request with its body decoded, itself when its codings are all identity, or null when unsupported. */
    private Request decode(Request request) {
        boolean gzip = false;
        for (String value : request.headers().all("Content-Encoding")) {
            int i = 0;
            while (i <= value.length()) {
                int end = value.indexOf(',', i);
                if (end < 0) {
                    end = value.length();
                }
                String coding = value.substring(i, end).strip();
                i = end + 1;
                if (coding.isEmpty() || coding.equalsIgnoreCase("identity")) {
                    continue; // an empty list element (RFC 9110 §5.6.1) or the no-op coding
                }
                if (gzip || !(coding.equalsIgnoreCase("gzip") || coding.equalsIgnoreCase("x-gzip"))) {
                    return null; // another coding, or gzip applied twice: refuse, never half-decode
                }
                gzip = true;
            }
        }
        Headers headers = request.headers().without("Content-Encoding");
        if (!gzip) {
            return request.withHeaders(headers);
        }
        return request.withHeaders(headers.without("Content-Length"))
                .withBody(new GzipRequestBody(request.body(), config.maxDecodedRequestBytes()));
    }

    /** The response to send for {@code response}: see the class comment. */
    Response respond(Request request, Response response) {
        int status = response.status();
        if (status == 304) {
            return notModified(request, response);
        }
        if (status == 101 || status == 204 || status == 206) { // 101: a WebSocket switch, no content
            return response;
        }
        Headers headers = response.headers();
        long length = length(request, response);
        if (length == 0 || headers.contains("Content-Encoding") || headers.containsToken("Cache-Control", "no-transform")) {
            return response;
        }
        String type = headers.get("Content-Type");
        boolean compressible = type != null && types.matches(type);
        AcceptEncoding accept = AcceptEncoding.of(request.headers());
        if (!accept.identityAllowed()) {
            if (accept.gzipAllowed()) {
                return gzip(vary(response), false); // the client takes nothing else
            }
            if (status >= 300) {
                return response; // don't hide an error behind a 406
            }
            return Problem.of(406, "The response can only be sent as is or gzip-compressed, and Accept-Encoding refuses both")
                    .withInstance(Problem.instanceOf(request)).toResponse().withHeader("Vary", VARY_VALUE);
        }
        if (!compressible) {
            return response;
        }
        response = vary(response);
        if (!accept.prefersGzip() || (length > 0 && length < config.minSizeBytes())) {
            return response;
        }
        return gzip(response, true);
    }

    /** The body length, -1 when unknown; for HEAD with no body, the declared {@code Content-Length}. */
    private static long length(Request request, Response response) {
        Body body = response.body();
        if (body instanceof Body.Empty && request.method().equals("HEAD")) {
            String declared = response.header("Content-Length");
            if (declared == null) {
                return 0;
            }
            try {
                return Long.parseLong(declared.strip());
            } catch (NumberFormatException e) {
                return 0;
            }
        }
        return body.length();
    }

    /** The compressed response; with {@code identityAllowed}, a bytes body that doesn't shrink stays as is. */
    private Response gzip(Response response, boolean identityAllowed) {
        Body body = switch (response.body()) {
            case Body.Bytes b -> {
                byte[] packed = GzipBodies.compress(b.bytes(), config.level());
                yield identityAllowed && packed.length >= b.bytes().length ? null : new Body.Bytes(packed);
            }
            case Body.Empty e -> e; // HEAD with a declared length: GET's length is unknown until compressed
            default -> GzipBodies.compress(response.body(), config.level());
        };
        if (body == null) {
            return response;
        }
        Headers headers = response.headers().without("Content-Length").without("Accept-Ranges")
                .with("Content-Encoding", "gzip");
        String etag = headers.get("ETag");
        if (etag != null) {
            headers = headers.withOnly("ETag", EntityTags.suffixed(etag));
        }
        return new Response(response.status(), headers, body);
    }

    /**
     * A 304 keeps its tag unless the request's {@code If-None-Match} carried the suffixed variant
     * of it: then the client (or a cache) stored the compressed response, and RFC 9110 §15.4.5 wants
     * the 304 to carry the tag that response would have had.
     */
    private static Response notModified(Request request, Response response) {
        String etag = response.header("ETag");
        if (etag == null) {
            return response;
        }
        List<String> ifNoneMatch = request.headers().all("If-None-Match");
        for (String list : ifNoneMatch) {
            if (EntityTags.listsSuffixed(list, etag)) {
                return vary(response.withOnlyHeader("ETag", EntityTags.suffixed(etag)));
            }
        }
        return response;
    }

    private static Response vary(Response response) {
        Headers headers = response.headers();
        if (headers.containsToken("Vary", VARY_VALUE) || headers.containsToken("Vary", "*")) {
            return response;
        }
        return response.withHeader("Vary", VARY_VALUE);
    }
}
