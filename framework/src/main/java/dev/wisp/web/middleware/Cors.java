package dev.wisp.web.middleware;

import dev.wisp.server.Handler;
import dev.wisp.server.Request;
import dev.wisp.server.Response;
import dev.wisp.web.problem.Problem;
import java.time.Duration;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * Cross-origin resource sharing as the Fetch standard (§3.2, "CORS protocol") defines it.
 *
 * <p>A <b>preflight</b> ({@code OPTIONS} with {@code Origin} and
 * {@code Access-Control-Request-Method}) is answered here and never reaches the routes: 204 with
 * the allow headers when the origin, the method and every requested header are allowed, else a 403
 * problem saying which one was refused (the browser then blocks the real request). Any other
 * request with an {@code Origin} goes to the next handler, and when the origin is allowed the
 * response gets {@code Access-Control-Allow-Origin} (plus {@code -Allow-Credentials} and
 * {@code -Expose-Headers} as configured). When the allow-origin value depends on the request's
 * origin, responses carry {@code Vary: Origin} so caches keep them apart.
 *
 * <pre>{@code
 * app.use(Cors.builder()
 *         .allowOrigins("https://app.example.com")
 *         .allowMethods("GET", "POST", "DELETE")
 *         .allowHeaders("Content-Type", "Authorization")
 *         .allowCredentials(true)
 *         .maxAge(Duration.ofMinutes(10))
 *         .build());
 * }</pre>
 *
 * <p>Defaults: no origin allowed (list them, or {@link Builder#allowAnyOrigin()}); methods GET,
 * HEAD, POST; no extra request headers; no exposed headers; no credentials; no
 * {@code Access-Control-Max-Age} (browsers then cache a preflight for 5 seconds). The Fetch
 * standard forbids the {@code *} wildcards together with credentials, so {@code build()} rejects
 * that combination instead of producing headers browsers ignore.
 */
public final class Cors implements Middleware {
    private final Set<String> origins;
    private final boolean anyOrigin;
    private final Set<String> methods;
    private final String methodList;
    private final Set<String> headers;
    private final String headerList;
    private final boolean anyHeader;
    private final String exposeList;
    private final boolean credentials;
    private final String maxAge;

    private Cors(Builder b) {
        this.origins = Set.copyOf(b.origins);
        this.anyOrigin = b.anyOrigin;
        this.methods = Set.copyOf(b.methods);
        this.methodList = String.join(", ", b.methods);
        Set<String> lower = new LinkedHashSet<>();
        b.headers.forEach(h -> lower.add(h.toLowerCase(Locale.ROOT)));
        this.headers = Set.copyOf(lower);
        this.headerList = String.join(", ", b.headers);
        this.anyHeader = b.anyHeader;
        this.exposeList = b.expose.isEmpty() ? null : String.join(", ", b.expose);
        this.credentials = b.credentials;
        this.maxAge = b.maxAge == null ? null : Long.toString(b.maxAge.toSeconds());
    }

    public static Builder builder() {
        return new Builder();
    }

    @Override
    public Handler wrap(Handler next) {
        return request -> {
            String origin = request.header("Origin");
            if (origin == null) {
                Response response = next.handle(request);
                return anyOrigin ? response : response.withHeader("Vary", "Origin");
            }
            String requestedMethod = request.header("Access-Control-Request-Method");
            if (request.method().equals("OPTIONS") && requestedMethod != null) {
                return preflight(request, origin, requestedMethod);
            }
            Response response = next.handle(request);
            if (!allowed(origin)) {
                return anyOrigin ? response : response.withHeader("Vary", "Origin");
            }
            response = allowOrigin(response, origin);
            if (exposeList != null) {
                response = response.withOnlyHeader("Access-Control-Expose-Headers", exposeList);
            }
            return response;
        };
    }

    private Response preflight(Request request, String origin, String method) {
        if (!allowed(origin)) {
            return refuse("origin " + origin + " is not allowed");
        }
        if (!methods.contains(method)) {
            return refuse("method " + method + " is not allowed; allowed: " + methodList);
        }
        String requested = request.header("Access-Control-Request-Headers");
        String allowHeaders = headerList;
        if (requested != null && !requested.isBlank()) {
            if (anyHeader) {
                allowHeaders = requested; // echoing is what "*" means, and works with older browsers
            } else {
                for (String h : requested.split(",")) {
                    String name = h.strip().toLowerCase(Locale.ROOT);
                    if (!name.isEmpty() && !headers.contains(name)) {
                        return refuse("request header " + name + " is not allowed; allowed: " + (headerList.isEmpty() ? "none" : headerList));
                    }
                }
            }
        }
        Response response = allowOrigin(Response.status(204), origin)
                .withHeader("Access-Control-Allow-Methods", methodList);
        if (!allowHeaders.isEmpty()) {
            response = response.withHeader("Access-Control-Allow-Headers", allowHeaders);
        }
        if (maxAge != null) {
            response = response.withHeader("Access-Control-Max-Age", maxAge);
        }
        return response;
    }

    private Response allowOrigin(Response response, String origin) {
        if (anyOrigin) {
            return response.withOnlyHeader("Access-Control-Allow-Origin", "*");
        }
        response = response.withOnlyHeader("Access-Control-Allow-Origin", origin).withHeader("Vary", "Origin");
        return credentials ? response.withOnlyHeader("Access-Control-Allow-Credentials", "true") : response;
    }

    private boolean allowed(String origin) {
        return anyOrigin || origins.contains(origin.toLowerCase(Locale.ROOT));
    }

    private static Response refuse(String why) {
        // The reason helps the developer reading the network tab; browsers only look at the headers.
        return Problem.of(403, "CORS preflight refused: " + why).toResponse().withHeader("Vary", "Origin");
    }

    /** Collects the CORS policy; every setter replaces the previous value. Not thread-safe. */
    public static final class Builder {
        private final Set<String> origins = new LinkedHashSet<>();
        private boolean anyOrigin;
        private final Set<String> methods = new LinkedHashSet<>(List.of("GET", "HEAD", "POST"));
        private final Set<String> headers = new LinkedHashSet<>();
        private boolean anyHeader;
        private final Set<String> expose = new LinkedHashSet<>();
        private boolean credentials;
        private Duration maxAge;

        private Builder() {
        }

        /** Origins as browsers send them: {@code https://app.example.com} or {@code http://localhost:3000}. */
        public Builder allowOrigins(String... origins) {
            this.origins.clear();
            for (String o : origins) {
                this.origins.add(checkOrigin(o));
            }
            return this;
        }

        /** Any origin ({@code Access-Control-Allow-Origin: *}); not with credentials. */
        public Builder allowAnyOrigin() {
            this.anyOrigin = true;
            return this;
        }

        /** Methods a cross-origin request may use (case-sensitive tokens); default GET, HEAD, POST. */
        public Builder allowMethods(String... methods) {
            this.methods.clear();
            this.methods.addAll(List.of(methods));
            return this;
        }

        /** Request headers beyond the CORS-safelisted ones, e.g. {@code Content-Type}, {@code Authorization}. */
        public Builder allowHeaders(String... headers) {
            this.headers.clear();
            this.headers.addAll(List.of(headers));
            return this;
        }

        /** Any request header; not with credentials. */
        public Builder allowAnyHeader() {
            this.anyHeader = true;
            return this;
        }

        /** Response headers scripts may read beyond the safelisted ones, e.g. {@code Location}. */
        public Builder exposeHeaders(String... headers) {
            this.expose.clear();
            this.expose.addAll(List.of(headers));
            return this;
        }

        /** Whether cookies and HTTP authentication may be sent ({@code Access-Control-Allow-Credentials}). */
        public Builder allowCredentials(boolean credentials) {
            this.credentials = credentials;
            return this;
        }

        /** How long a browser may cache a preflight answer; whole seconds. */
        public Builder maxAge(Duration maxAge) {
            if (maxAge.isNegative()) {
                throw new IllegalArgumentException("Cors maxAge must not be negative, got " + maxAge);
            }
            this.maxAge = maxAge;
            return this;
        }

        public Cors build() {
            if (credentials && anyOrigin) {
                throw new IllegalStateException("Cors: allowCredentials(true) cannot be combined with allowAnyOrigin() (the Fetch standard forbids '*' with credentials); list the origins with allowOrigins(...)");
            }
            if (credentials && anyHeader) {
                throw new IllegalStateException("Cors: allowCredentials(true) cannot be combined with allowAnyHeader(); list the headers with allowHeaders(...)");
            }
            if (!anyOrigin && origins.isEmpty()) {
                throw new IllegalStateException("Cors: no origin is allowed; call allowOrigins(\"https://app.example.com\", ...) or allowAnyOrigin()");
            }
            return new Cors(this);
        }

        private static String checkOrigin(String origin) {
            if (origin.equals("*")) {
                throw new IllegalArgumentException("Cors: use allowAnyOrigin() instead of allowOrigins(\"*\")");
            }
            if (origin.equals("null")) {
                return origin;
            }
            int scheme = origin.indexOf("://");
            if (scheme <= 0 || origin.indexOf('/', scheme + 3) >= 0 || origin.length() == scheme + 3) {
                throw new IllegalArgumentException("Cors: '" + origin + "' is not an origin; write scheme://host[:port] with no path or trailing slash, e.g. https://app.example.com");
            }
            return origin.toLowerCase(Locale.ROOT);
        }
    }
}
