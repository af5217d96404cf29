package dev.wisp.web;

import dev.wisp.server.testkit.LogCapture;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.wisp.server.Response;
import dev.wisp.web.middleware.Middleware;
import dev.wisp.web.problem.ForbiddenException;
import dev.wisp.web.testing.TestRequest;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

@Timeout(value = 10, unit = TimeUnit.SECONDS)
class MiddlewareTest {

    private static Middleware tracing(List<String> trace, String name) {
        return next -> request -> {
            trace.add(name + ">");
            Response r = next.handle(request);
            trace.add("<" + name);
            return r;
        };
    }

    @Test
    void runsInRegistrationOrderOutermostFirst() throws Exception {
        List<String> trace = new CopyOnWriteArrayList<>();
        App app = App.create()
                .use(tracing(trace, "a"))
                .before(req -> trace.add("before"))
                .after((req, res) -> {
                    trace.add("after");
                    return res;
                })
                .around((req, next) -> {
                    trace.add("around>");
                    Response r = next.handle(req);
                    trace.add("<around");
                    return r;
                })
                .get("/x", req -> {
                    trace.add("handler");
                    return "x";
                })
                .use(tracing(trace, "late")); // registered after the route: still wraps it, innermost
        TestRequest.get("/x").send(app).assertBody("x");
        assertEquals(List.of("a>", "before", "around>", "late>", "handler", "<late", "<around", "after", "<a"), trace);
    }

    @Test
    void groupMiddlewareRunsInsideAppMiddlewareOnlyForTheGroup() throws Exception {
        List<String> trace = new CopyOnWriteArrayList<>();
        App app = App.create()
                .use(tracing(trace, "app"))
                .get("/open", req -> "open")
                .group("/admin", admin -> admin
                        .use(tracing(trace, "admin"))
                        .group("/deep", deep -> deep.use(tracing(trace, "deep")).get("/x", req -> "deep x")));
        TestRequest.get("/open").send(app).assertBody("open");
        assertEquals(List.of("app>", "<app"), trace);
        trace.clear();
        TestRequest.get("/admin/deep/x").send(app).assertBody("deep x");
        assertEquals(List.of("app>", "admin>", "deep>", "<deep", "<admin", "<app"), trace);
        trace.clear();
        TestRequest.get("/admin/missing").send(app).assertStatus(404);
        assertEquals(List.of("app>", "<app"), trace, "app middleware sees 404s, group middleware does not");
    }

    @Test
    void beforeCanStopTheRequestWithAnHttpException() throws Exception {
        AtomicInteger handled = new AtomicInteger();
        App app = App.create().group("/admin", admin -> admin
                .before(req -> {
                    if (!"secret".equals(req.header("X-Token"))) {
                        throw new ForbiddenException("A valid X-Token is required");
                    }
                })
                .get("/stats", req -> {
                    handled.incrementAndGet();
                    return "stats";
                }));
        TestRequest.get("/admin/stats").send(app).assertStatus(403).assertJson("/detail", "A valid X-Token is required");
        assertEquals(0, handled.get());
        TestRequest.get("/admin/stats").header("X-Token", "secret").send(app).assertBody("stats");
    }

    @Test
    void outerMiddlewareSeesMappedErrorResponses() throws Exception {
        List<Integer> seen = new CopyOnWriteArrayList<>();
        App app = App.create()
                .after((req, res) -> {
                    seen.add(res.status());
                    return res.withHeader("X-Seen", "yes");
                })
                .around((req, next) -> {
                    throw new ForbiddenException("no");
                })
                .get("/a", req -> "a");
        TestRequest.get("/a").send(app).assertStatus(403).assertHeader("X-Seen", "yes");
        assertEquals(List.of(403), seen);
    }

    @Test
    void routeErrorsReachMiddlewareAsResponses() throws Exception {
        List<Integer> seen = new CopyOnWriteArrayList<>();
        App app = App.create()
                .after((req, res) -> {
                    seen.add(res.status());
                    return res;
                })
                .get("/a", req -> {
                    throw new IllegalStateException("bug");
                });
        try (LogCapture ignored = LogCapture.of("dev.wisp.web")) {
            TestRequest.get("/a").send(app).assertStatus(500);
        }
        assertEquals(List.of(500), seen);
    }

    @Test
    void middlewareIsFoldedOnceNotPerRequest() throws Exception {
        AtomicInteger wraps = new AtomicInteger();
        Middleware counting = next -> {
            wraps.incrementAndGet();
            return next;
        };
        App app = App.create().use(counting).group("/g", g -> g.use(counting).get("/a", req -> "a").get("/b", req -> "b"));
        for (int i = 0; i < 10; i++) {
            TestRequest.get("/g/a").send(app).assertBody("a");
            TestRequest.get("/g/b").send(app).assertBody("b");
        }
        assertEquals(4, wraps.get(), "once for the app, once per route of the group, once for the group's 405/OPTIONS answers");
    }

    @Test
    void aroundCanChangeTheRequestForInnerHandlers() throws Exception {
        var user = dev.wisp.server.AttributeKey.<String>of("user");
        App app = App.create()
                .around((req, next) -> next.handle(req.withAttribute(user, "ann")))
                .get("/me", req -> "me=" + req.attribute(user));
        TestRequest.get("/me").send(app).assertBody("me=ann");
    }

    @Test
    void aBeforeThatReadsTheBodyLeavesItForTheRoute() throws Exception {
        // A signature check reads the body first; the route must still see all of it.
        App app = App.create()
                .before(req -> {
                    if (req.bytes().length == 0) {
                        throw new ForbiddenException("empty body");
                    }
                })
                .post("/hook", req -> "got " + req.text());
        TestRequest.post("/hook").body("payload").send(app).assertStatus(200).assertBody("got payload");
    }

    @Test
    void anInterruptAtShutdownIsNotAnApplicationError() {
        App app = App.create().get("/wait", req -> {
            throw new InterruptedException("stopping");
        });
        org.junit.jupiter.api.Assertions.assertThrows(InterruptedException.class, () -> TestRequest.get("/wait").send(app));
        Thread.interrupted(); // clear the flag the app restored
    }

    @Test
    void aGroupsMiddlewareAlsoWrapsItsPaths405AndOptionsAnswers() throws Exception {
        App app = App.create()
                .get("/outside", req -> "outside")
                .group("/api", api -> api
                        .use(dev.wisp.web.middleware.Cors.builder().allowAnyOrigin().allowMethods("GET", "PUT").build())
                        .after((req, res) -> res.withHeader("X-Group", "api"))
                        .get("/items/{id}", req -> "item"));
        // A preflight is an OPTIONS the router answers itself: the group's CORS must see it.
        TestRequest.options("/api/items/1").header("Origin", "https://ui.example")
                .header("Access-Control-Request-Method", "PUT").send(app)
                .assertStatus(204).assertHeader("Access-Control-Allow-Origin", "*");
        TestRequest.options("/api/items/1").send(app).assertStatus(204)
                .assertHeader("Allow", "GET, HEAD, OPTIONS").assertHeader("X-Group", "api");
        TestRequest.delete("/api/items/1").send(app).assertStatus(405).assertHeader("X-Group", "api");
        // Paths outside the group are not touched by its middleware.
        assertEquals(null, TestRequest.options("/outside").send(app).header("X-Group"));
    }
}
