package dev.wisp.web;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.wisp.server.Response;
import dev.wisp.web.testing.TestRequest;
import dev.wisp.web.testing.TestResponse;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

@Timeout(value = 10, unit = TimeUnit.SECONDS)
class AppRoutingTest {

    record Todo(long id, String title) {
    }

    @Test
    void convertsReturnValuesByType() throws Exception {
        App app = App.create()
                .get("/text", req -> "hi")
                .get("/bytes", req -> new byte[] {1, 2})
                .get("/none", req -> null)
                .get("/json", req -> new Todo(1, "milk"))
                .get("/response", req -> Response.text(202, "as is"))
                .get("/created", req -> Result.created("/todos/1", new Todo(1, "milk")))
                .get("/empty", req -> Optional.empty())
                .get("/present", req -> Optional.of("here"));
        TestRequest.get("/text").send(app).assertStatus(200).assertHeader("Content-Type", "text/plain; charset=utf-8").assertBody("hi");
        TestRequest.get("/bytes").send(app).assertStatus(200).assertHeader("Content-Type", "application/octet-stream");
        TestRequest.get("/none").send(app).assertStatus(204).assertBody("");
        TestRequest.get("/json").send(app).assertStatus(200).assertHeader("Content-Type", "application/json")
                .assertJson("/id", 1).assertJson("/title", "milk");
        TestRequest.get("/response").send(app).assertStatus(202).assertBody("as is");
        TestRequest.get("/created").send(app).assertStatus(201).assertHeader("Location", "/todos/1")
                .assertContentType("application/json").assertJson("/title", "milk");
        TestRequest.get("/empty").send(app).assertStatus(404).assertContentType("application/problem+json");
        TestRequest.get("/present").send(app).assertStatus(200).assertBody("here");
    }

    @Test
    void pathParametersAreDecodedAndTyped() throws Exception {
        App app = App.create()
                .get("/hello/{name}", req -> "Hello, " + req.path("name"))
                .get("/todos/{id}", req -> "todo " + req.pathLong("id"))
                .get("/u/{id}", req -> req.pathUuid("id").toString());
        TestRequest.get("/hello/Zo%C3%AB").send(app).assertBody("Hello, Zoë");
        TestRequest.get("/hello/a%2Fb").send(app).assertBody("Hello, a/b");
        TestRequest.get("/todos/42").send(app).assertBody("todo 42");
        TestResponse bad = TestRequest.get("/todos/forty-two").send(app).assertStatus(400)
                .assertContentType("application/problem+json")
                .assertJson("/errors/0/parameter", "id");
        assertTrue(bad.json().get("detail").stringValue().contains("'id'"));
        TestRequest.get("/u/123e4567-e89b-12d3-a456-426614174000").send(app).assertStatus(200);
        TestRequest.get("/u/nope").send(app).assertStatus(400);
    }

    @Test
    void unknownPathIsA404Problem() throws Exception {
        App app = App.create().get("/a", req -> "a");
        TestRequest.get("/nope?x=1").send(app).assertStatus(404)
                .assertContentType("application/problem+json")
                .assertJson("/status", 404).assertJson("/title", "Not Found").assertJson("/instance", "/nope")
                .assertJson("/type", "about:blank");
    }

    @Test
    void wrongMethodIsA405ProblemWithAllow() throws Exception {
        App app = App.create().get("/todos", req -> "list").post("/todos", req -> "add");
        TestRequest.delete("/todos").send(app).assertStatus(405)
                .assertHeader("Allow", "GET, HEAD, POST, OPTIONS")
                .assertContentType("application/problem+json").assertJson("/status", 405);
    }

    @Test
    void headIsAnsweredByTheGetRoute() throws Exception {
        App app = App.create().get("/a", req -> "body of a");
        TestResponse head = TestRequest.head("/a").send(app).assertStatus(200).assertBody("");
        // The response keeps the GET body so the server can send its Content-Length; it omits the body.
        assertEquals("body of a", head.response().bodyText());
    }

    @Test
    void optionsIsAnsweredWithAllowUnlessARouteHandlesIt() throws Exception {
        App app = App.create().get("/a", req -> "a").put("/a", req -> "put")
                .options("/b", req -> Response.status(200).withHeader("X-Own", "yes")).get("/b", req -> "b");
        TestRequest.options("/a").send(app).assertStatus(204).assertHeader("Allow", "GET, HEAD, PUT, OPTIONS");
        TestRequest.options("/b").send(app).assertStatus(200).assertHeader("X-Own", "yes");
        TestRequest.options("/c").send(app).assertStatus(404);
        TestRequest.options("*").send(app).assertStatus(204).assertHeader("Allow", "GET, HEAD, PUT, OPTIONS");
    }

    @Test
    void notFoundAndMethodNotAllowedAreCustomisable() throws Exception {
        App app = App.create().get("/a", req -> "a")
                .notFound(req -> "nothing at " + req.request().path())
                .methodNotAllowed(req -> "use " + req.attribute(App.ALLOW));
        TestRequest.get("/zzz").send(app).assertStatus(404).assertBody("nothing at /zzz");
        TestRequest.post("/a").send(app).assertStatus(405).assertHeader("Allow", "GET, HEAD, OPTIONS")
                .assertBody("use GET, HEAD, OPTIONS");
    }

    @Test
    void trailingSlashRedirectIsOptIn() throws Exception {
        App exact = App.create().get("/todos", req -> "list");
        TestRequest.get("/todos/").send(exact).assertStatus(404);

        App lenient = App.create().redirectTrailingSlash(true).get("/todos", req -> "list").get("/docs/", req -> "docs");
        TestRequest.get("/todos/?page=2").send(lenient).assertStatus(308).assertHeader("Location", "/todos?page=2");
        TestRequest.get("/docs").send(lenient).assertStatus(308).assertHeader("Location", "/docs/");
        TestRequest.get("/other/").send(lenient).assertStatus(404);
    }

    @Test
    void groupsPrefixRoutesAndNest() throws Exception {
        App app = App.create().group("/api", api -> api
                .get("", req -> "api root")
                .get("/", req -> "api slash")
                .group("/users/{uid}", users -> users
                        .get("/posts/{pid}", req -> req.path("uid") + ":" + req.path("pid"))));
        TestRequest.get("/api").send(app).assertBody("api root");
        TestRequest.get("/api/").send(app).assertBody("api slash");
        TestRequest.get("/api/users/7/posts/9").send(app).assertBody("7:9");
    }

    @Test
    void mountedAppSeesThePathBelowThePrefixAndTheBasePath() throws Exception {
        App inner = App.create()
                .get("/", req -> "inner root base=" + req.basePath())
                .get("/todos/{id}", req -> req.requestPath() + " base=" + req.basePath() + " id=" + req.path("id")
                        + " q=" + req.query("q"));
        App outer = App.create().get("/api/health", req -> "ok").mount("/api", inner);
        TestRequest.get("/api/todos/5?q=x").send(outer).assertBody("/todos/5 base=/api id=5 q=x");
        TestRequest.get("/api").send(outer).assertBody("inner root base=/api");
        TestRequest.get("/api/").send(outer).assertBody("inner root base=/api");
        TestRequest.get("/api/health").send(outer).assertBody("ok");
        // The inner app's own 404 problem names the original path.
        TestRequest.get("/api/missing").send(outer).assertStatus(404).assertJson("/instance", "/api/missing");
    }

    @Test
    void nestedMountsAccumulateTheBasePath() throws Exception {
        App leaf = App.create().get("/x", req -> req.basePath());
        App middle = App.create().mount("/v1", leaf);
        App top = App.create().mount("/api", middle);
        TestRequest.get("/api/v1/x").send(top).assertBody("/api/v1");
    }

    @Test
    void anyHandlerCanBeMountedAndMountsWithParametersPassThem() throws Exception {
        App app = App.create()
                .mount("/raw", request -> Response.text(request.rawPath() + " " + request.attribute(App.BASE_PATH)))
                .group("/t/{tenant}", t -> t.mount("/files", request ->
                        Response.text(request.attribute(App.PATH_PARAMS).get("tenant") + " " + request.path())));
        TestRequest.get("/raw/a%20b").send(app).assertBody("/a%20b /raw");
        TestRequest.get("/t/acme/files/x.txt").send(app).assertBody("acme /x.txt");
    }

    @Test
    void mountAtTheRootIsAFallbackBehindEveryRoute() throws Exception {
        App app = App.create().get("/api/x", req -> "x")
                .mount("/", request -> Response.text("fallback " + request.path() + " base=" + request.attribute(App.BASE_PATH)));
        TestRequest.get("/api/x").send(app).assertBody("x");
        TestRequest.get("/api/y").send(app).assertBody("fallback /api/y base=");
        TestRequest.get("/").send(app).assertBody("fallback / base=");
        TestRequest.post("/api/x").send(app).assertBody("fallback /api/x base=");
    }

    @Test
    void trailingSlashRedirectInAMountedAppKeepsTheBasePath() throws Exception {
        App inner = App.create().redirectTrailingSlash(true).get("/todos", req -> "list");
        App outer = App.create().mount("/api", inner);
        TestRequest.get("/api/todos/").send(outer).assertStatus(308).assertHeader("Location", "/api/todos");
    }

    @Test
    void conflictsFailAtRegistrationNamingBothRoutes() {
        App app = App.create().get("/users/{id}", req -> "a");
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> app.group("/users", g -> g.get("/{name}", req -> "b")));
        assertTrue(e.getMessage().contains("/users/{id}") && e.getMessage().contains("/users/{name}"), e.getMessage());
    }

    @Test
    void registeringAfterTheFirstRequestFails() throws Exception {
        App app = App.create().get("/a", req -> "a");
        TestRequest.get("/a").send(app);
        IllegalStateException e = assertThrows(IllegalStateException.class, () -> app.get("/b", req -> "b"));
        assertTrue(e.getMessage().contains("before the first request"), e.getMessage());
    }

    @Test
    void malformedEncodingInThePathIsA400() throws Exception {
        App app = App.create().get("/a/b", req -> "b");
        // The server core refuses such a target itself; a handler behind another front end may still see one.
        var request = TestRequest.get("/a/x").build().withPath("/a/%E2%82", "/a/?");
        TestResponse.of(app.handle(request)).assertStatus(400).assertContentType("application/problem+json");
    }

    @Test
    void appsComposeAsPlainHandlers() throws Exception {
        App app = App.create().get("/a", req -> "a");
        dev.wisp.server.Handler wrapped = request -> app.handle(request).withHeader("X-Outer", "1");
        TestRequest.get("/a").send(wrapped).assertHeader("X-Outer", "1").assertBody("a");
    }
}
