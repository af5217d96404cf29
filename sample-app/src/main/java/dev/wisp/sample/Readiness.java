package dev.wisp.sample;

import dev.wisp.web.WebRequest;
import dev.wisp.web.middleware.Middleware;
import dev.wisp.web.problem.Problem;
import dev.wisp.server.Response;
import java.util.Map;

/**
 * {@code GET /ready}: whether a load balancer should send this instance traffic. 200
 * {@code {"status":"READY"}} while the instance serves and its store is {@link TodoStore#ready()
 * ready} (schema migrated, database answering); otherwise a 503 problem with {@code Retry-After}
 * (RFC 9110 §15.6.4) — from the moment {@link #stopping()} is called (shutdown began: drain), while
 * the database is unreachable, and while migrations run. {@code GET /health} stays the liveness
 * check: a process that answers it is alive even when it is not ready.
 *
 * <p>Thread-safe: the flag is volatile; each call asks the store, which bounds its own check.
 */
public final class Readiness {
    private final TodoStore store;
    private volatile boolean stopping;

    public Readiness(TodoStore store) {
        this.store = store;
    }

    /** From now on, answer 503: the instance is shutting down and wants no new traffic. */
    public void stopping() {
        stopping = true;
    }

    /**
     * Middleware that, once stopping, asks to close each connection after its response
     * ({@code Connection: close}, RFC 9112 §9.6): a proxy then stops reusing kept-alive connections
     * to this instance during the drain, so when it stops accepting none is left idle for a
     * request to race the close on (nginx would not retry a POST sent on one).
     */
    public Middleware closeConnectionsWhileStopping() {
        return next -> request -> {
            Response response = next.handle(request);
            return stopping ? response.withHeader("Connection", "close") : response;
        };
    }

    /** The route handler. */
    public Object handle(WebRequest req) {
        if (stopping) {
            return unavailable(req, "The instance is shutting down");
        }
        if (!store.ready()) {
            return unavailable(req, "The database is unreachable or its schema is being migrated");
        }
        return Map.of("status", "READY");
    }

    private static Response unavailable(WebRequest req, String detail) {
        return Problem.of(503, detail).withInstance(Problem.instanceOf(req.request()))
                .toResponse().withHeader("Retry-After", "1");
    }
}
