package dev.wisp.web;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import dev.wisp.server.Response;
import dev.wisp.web.middleware.Middleware;
import dev.wisp.web.testing.TestRequest;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** The router exposes the matched pattern: as an attribute inwards, through a slot outwards. */
@Timeout(value = 10, unit = TimeUnit.SECONDS)
class RoutePatternAttributeTest {

    /** App-level middleware: runs before matching, reads the pattern from its slot afterwards. */
    private static Middleware recording(AtomicReference<String> seen) {
        return next -> request -> {
            MatchedRoute route = new MatchedRoute();
            Response r = next.handle(request.withAttribute(App.MATCHED_ROUTE, route));
            seen.set(route.pattern());
            return r;
        };
    }

    @Test
    void routeSeesItsPatternNotThePath() throws Exception {
        App app = App.create().get("/todos/{id}", req -> req.attribute(App.ROUTE_PATTERN));
        TestRequest.get("/todos/42").send(app).assertStatus(200).assertBody("/todos/{id}");
    }

    @Test
    void appMiddlewareReadsThePatternAfterTheCall() throws Exception {
        AtomicReference<String> seen = new AtomicReference<>("unset");
        App app = App.create().use(recording(seen)).get("/todos/{id}", req -> "ok");
        TestRequest.get("/todos/42").send(app).assertStatus(200);
        assertEquals("/todos/{id}", seen.get());
    }

    @Test
    void groupMiddlewareSeesTheFullPatternAsAnAttribute() throws Exception {
        AtomicReference<String> seen = new AtomicReference<>();
        App app = App.create().group("/api/{tenant}", api -> api
                .around((req, next) -> {
                    seen.set(req.attribute(App.ROUTE_PATTERN));
                    return next.handle(req);
                })
                .get("/todos/{id}", req -> "ok"));
        TestRequest.get("/api/acme/todos/7").send(app).assertStatus(200);
        assertEquals("/api/{tenant}/todos/{id}", seen.get());
    }

    @Test
    void unmatchedRequestsLeaveTheSlotEmpty() throws Exception {
        AtomicReference<String> seen = new AtomicReference<>("unset");
        App app = App.create().use(recording(seen)).get("/todos/{id}", req -> "ok");
        TestRequest.get("/nothing/here").send(app).assertStatus(404);
        assertNull(seen.get(), "404");
        seen.set("unset");
        TestRequest.delete("/todos/1").send(app).assertStatus(405);
        assertNull(seen.get(), "405");
    }

    @Test
    void mountedAppReportsPrefixPlusItsOwnPattern() throws Exception {
        AtomicReference<String> seen = new AtomicReference<>();
        App inner = App.create().get("/todos/{id}", req -> req.attribute(App.ROUTE_PATTERN));
        App app = App.create().use(recording(seen))
                .mount("/api", inner)
                .mount("/assets", req -> Response.text("asset"));
        TestRequest.get("/api/todos/3").send(app).assertStatus(200).assertBody("/api/todos/{id}");
        assertEquals("/api/todos/{id}", seen.get());
        TestRequest.get("/assets/app.js").send(app).assertStatus(200);
        assertEquals("/assets/*", seen.get());
        // The mounted app has no such route: the 404 is labelled with the mount, never the raw path.
        TestRequest.get("/api/missing").send(app).assertStatus(404);
        assertEquals("/api/*", seen.get());
    }

    @Test
    void nestedMountsAccumulate() throws Exception {
        App innermost = App.create().get("/items/{n}", req -> req.attribute(App.ROUTE_PATTERN));
        App middle = App.create().mount("/v1", innermost);
        App app = App.create().mount("/api", middle);
        TestRequest.get("/api/v1/items/9").send(app).assertStatus(200).assertBody("/api/v1/items/{n}");
    }
}
