package dev.wisp.metrics;

import dev.wisp.server.Handler;
import dev.wisp.server.Response;
import dev.wisp.web.App;
import dev.wisp.web.MatchedRoute;
import dev.wisp.web.middleware.Middleware;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import java.time.Duration;
import java.util.Arrays;
import java.util.Objects;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.ReentrantLock;

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
 * <p>Thread-safe. Timers are cached per (route, method, status) after their first use, so a
 * request costs a map lookup by route, a short scan and a timer update, and allocates only the
 * {@link MatchedRoute} slot and the request copy carrying it.
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

    /**
     * The timers of one route tag, by method and status: a route sees a handful of combinations,
     * so a copy-on-write array scanned linearly beats a map keyed by a per-request object.
     */
    private static final class RouteTimers {
        // A ReentrantLock, not synchronized: Wisp's handlers run on virtual threads (style guide).
        private final ReentrantLock lock = new ReentrantLock();
        private volatile Entry[] entries = new Entry[0];
    }

    private record Entry(int method, int status, Timer timer) {
    }

    private final MeterRegistry registry;
    private final ConcurrentHashMap<String, RouteTimers> timers = new ConcurrentHashMap<>();

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
        String route = route(pattern, status);
        int m = methodIndex(method);
        RouteTimers byRoute = timers.get(route);
        if (byRoute == null) {
            byRoute = timers.computeIfAbsent(route, r -> new RouteTimers());
        }
        Timer timer = null;
        for (Entry e : byRoute.entries) {
            if (e.method() == m && e.status() == status) {
                timer = e.timer();
                break;
            }
        }
        if (timer == null) {
            timer = register(byRoute, route, m, status);
        }
        timer.record(nanos, TimeUnit.NANOSECONDS);
    }

    /** The first request of a (route, method, status): registers the timer, once. */
    private Timer register(RouteTimers byRoute, String route, int method, int status) {
        byRoute.lock.lock();
        try {
            Entry[] entries = byRoute.entries;
            for (Entry e : entries) {
                if (e.method() == method && e.status() == status) {
                    return e.timer();
                }
            }
            Timer timer = Timer.builder(NAME)
                    .description("HTTP requests handled, by method, route pattern and status")
                    .tag("method", method < METHODS.length ? METHODS[method] : "OTHER")
                    .tag("route", route)
                    .tag("status", status >= 100 && status < STATUS.length ? STATUS[status] : Integer.toString(status))
                    .serviceLevelObjectives(BUCKETS)
                    .register(registry);
            Entry[] grown = Arrays.copyOf(entries, entries.length + 1);
            grown[entries.length] = new Entry(method, status, timer);
            byRoute.entries = grown;
            return timer;
        } finally {
            byRoute.lock.unlock();
        }
    }

    private static int methodIndex(String method) {
        for (int i = 0; i < METHODS.length; i++) {
            if (METHODS[i].equals(method)) {
                return i;
            }
        }
        return METHODS.length;
    }

    /** The method as a tag: one of a fixed set, so {@code FOO}, {@code BAR} … cannot add series. */
    static String method(String method) {
        int i = methodIndex(method);
        return i < METHODS.length ? METHODS[i] : "OTHER";
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
