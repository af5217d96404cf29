package dev.wisp.metrics;

import dev.wisp.server.Handler;
import dev.wisp.server.Response;
import dev.wisp.web.App;
import dev.wisp.web.MatchedRoute;
import dev.wisp.web.middleware.Middleware;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import java.time.Duration;
import java.util.Objects;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;

/**
 * Middleware recording every request in the timer {@value #NAME} (Prometheus:
 * {@code http_server_requests_seconds_bucket/_count/_sum}) tagged by {@code method},
 * {@code route} and {@code status}. Register it on the {@link App} with {@code app.use(...)}, first
 * or right after {@code ForwardedHeaders}, so it sees every answer including 404s and 405s.
 *
 * <p><b>Tags are bounded</b>, so a client cannot grow the registry: {@code route} is the matched
 * pattern ({@code /api/todos/{id}}, read through a {@link MatchedRoute} slot the router fills),
 * never the raw path; a request no route matched is {@code NOT_FOUND} (404),
 * {@code REDIRECTION} (a trailing-slash 308) or {@code UNMATCHED} (405, {@code OPTIONS *}). A 404
 * a route itself answers keeps the route's pattern. {@code method} is one of the RFC 9110 methods
 * or {@code OTHER}; {@code status} is the numeric code.
 *
 * <p><b>What is timed:</b> from the call to the handler chain until it returns the response —
 * the handler's work, not the time the server then spends writing a streamed body. Buckets (in
 * seconds) suit a web API: 5 ms to 10 s, see {@link #BUCKETS}. A handler that throws (only
 * possible when wrapping a bare core handler; an {@code App} maps errors to responses first) is
 * recorded as 500 and the exception rethrown.
 *
 * <p>Thread-safe. Timers are cached per (method, route, status) after their first use, so a
 * request costs a map lookup and a timer update.
 */
public final class RequestMetrics implements Middleware {
    /** The timer's name, as Micrometer spells it. */
    public static final String NAME = "http.server.requests";
    /** Histogram bucket bounds: request latency of a web API, from a cache hit to a slow report. */
    public static final Duration[] BUCKETS = {
        Duration.ofMillis(5), Duration.ofMillis(10), Duration.ofMillis(25), Duration.ofMillis(50),
        Duration.ofMillis(100), Duration.ofMillis(250), Duration.ofMillis(500), Duration.ofSeconds(1),
        Duration.ofMillis(2500), Duration.ofSeconds(5), Duration.ofSeconds(10)};
    static final String NOT_FOUND = "NOT_FOUND";
    static final String REDIRECTION = "REDIRECTION";
    static final String UNMATCHED = "UNMATCHED";
    private static final String[] METHODS = {"GET", "HEAD", "POST", "PUT", "DELETE", "PATCH", "OPTIONS", "TRACE", "CONNECT"};
    private static final String[] STATUS = new String[600];

    static {
        for (int i = 100; i < STATUS.length; i++) {
            STATUS[i] = Integer.toString(i);
        }
    }

    private record Key(String method, String route, int status) {
    }

    private final MeterRegistry registry;
    private final ConcurrentHashMap<Key, Timer> timers = new ConcurrentHashMap<>();

    RequestMetrics(MeterRegistry registry) {
        this.registry = Objects.requireNonNull(registry, "registry");
    }

    /** Request metrics recorded into {@code registry}. */
    public static RequestMetrics into(MeterRegistry registry) {
        return new RequestMetrics(registry);
    }

    @Override
    public Handler wrap(Handler next) {
        Objects.requireNonNull(next, "next");
        return request -> {
            MatchedRoute route = new MatchedRoute();
            long start = System.nanoTime();
            Response response;
            try {
                response = next.handle(request.withAttribute(App.MATCHED_ROUTE, route));
            } catch (Throwable t) {
                record(request.method(), route.pattern(), 500, System.nanoTime() - start);
                throw t;
            }
            record(request.method(), route.pattern(), response.status(), System.nanoTime() - start);
            return response;
        };
    }

    private void record(String method, String pattern, int status, long nanos) {
        Key key = new Key(method(method), route(pattern, status), status);
        Timer timer = timers.get(key);
        if (timer == null) {
            timer = timers.computeIfAbsent(key, this::timer);
        }
        timer.record(nanos, TimeUnit.NANOSECONDS);
    }

    private Timer timer(Key key) {
        return Timer.builder(NAME)
                .description("HTTP requests handled, by method, route pattern and status")
                .tag("method", key.method())
                .tag("route", key.route())
                .tag("status", key.status() >= 100 && key.status() < STATUS.length ? STATUS[key.status()] : Integer.toString(key.status()))
                .serviceLevelObjectives(BUCKETS)
                .register(registry);
    }

    /** The method as a tag: one of a fixed set, so {@code FOO}, {@code BAR} … cannot add series. */
    static String method(String method) {
        for (String m : METHODS) {
            if (m.equals(method)) {
                return m;
            }
        }
        return "OTHER";
    }

    /** The route tag: the pattern, or one value per kind of miss. */
    static String route(String pattern, int status) {
        if (pattern != null) {
            return pattern;
        }
        if (status == 404) {
            return NOT_FOUND;
        }
        return status >= 300 && status < 400 ? REDIRECTION : UNMATCHED;
    }
}
