package dev.wisp.web.routing;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.wisp.server.PercentEncoding;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

@Timeout(value = 10, unit = TimeUnit.SECONDS)
class RouteTreeTest {

    private static RouteTree<String> tree(String... methodAndPatterns) {
        RouteTreeBuilder<String> b = new RouteTreeBuilder<>();
        for (String mp : methodAndPatterns) {
            String[] parts = mp.split(" ", 2);
            b.add(parts[0], RoutePattern.parse(parts[1]), mp);
        }
        return b.build(v -> v);
    }

    private static String found(RouteTree<String> t, String method, String path) {
        RouteMatch<String> m = t.find(method, path);
        return assertInstanceOf(RouteMatch.Found.class, m, () -> method + " " + path + " gave " + m).value().toString();
    }

    private static PathParams params(RouteTree<String> t, String method, String path) {
        return ((RouteMatch.Found<String>) t.find(method, path)).params();
    }

    @Test
    void literalBeatsParameterBeatsCatchAllWhateverTheRegistrationOrder() {
        RouteTree<String> t = tree("GET /files/{rest...}", "GET /files/{name}", "GET /files/new");
        assertEquals("GET /files/new", found(t, "GET", "/files/new"));
        assertEquals("GET /files/{name}", found(t, "GET", "/files/report"));
        assertEquals("GET /files/{rest...}", found(t, "GET", "/files/a/b"));
        assertEquals("GET /files/{rest...}", found(t, "GET", "/files/"));
    }

    @Test
    void backtracksWhenTheMoreSpecificBranchLeadsNowhere() {
        RouteTree<String> t = tree("GET /a/b/c", "GET /a/{x}/d");
        assertEquals("GET /a/{x}/d", found(t, "GET", "/a/b/d"));
        assertEquals("b", params(t, "GET", "/a/b/d").get("x"));
        assertEquals("GET /a/b/c", found(t, "GET", "/a/b/c"));
    }

    @Test
    void methodTakesPartInChoosingTheMostSpecificRoute() {
        RouteTree<String> t = tree("GET /users/me", "DELETE /users/{id}");
        assertEquals("DELETE /users/{id}", found(t, "DELETE", "/users/me"));
    }

    @Test
    void staticRoutesMatchWithoutAllocatingParameters() {
        RouteTree<String> t = tree("GET /json");
        RouteMatch<String> first = t.find("GET", "/json");
        assertSame(first, t.find("GET", "/json"), "a static route's match is shared");
        assertTrue(((RouteMatch.Found<String>) first).params().isEmpty());
    }

    @Test
    void conflictingRoutesFailNamingBoth() {
        RouteTreeBuilder<String> b = new RouteTreeBuilder<>();
        b.add("GET", RoutePattern.parse("/users/{id}"), "a");
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> b.add("GET", RoutePattern.parse("/users/{name}"), "b"));
        assertTrue(e.getMessage().contains("GET /users/{name}") && e.getMessage().contains("GET /users/{id}"), e.getMessage());
        b.add("POST", RoutePattern.parse("/users/{name}"), "c"); // other method: fine
        b.add("GET", RoutePattern.parse("/users/{id}/x"), "d");   // other shape: fine
    }

    @Test
    void catchAllAndMountUnderTheSamePrefixConflict() {
        RouteTreeBuilder<String> b = new RouteTreeBuilder<>();
        b.mount(RoutePattern.parse("/api"), "m");
        assertThrows(IllegalArgumentException.class, () -> b.add("GET", RoutePattern.parse("/api/{rest...}"), "c"));
        assertThrows(IllegalArgumentException.class, () -> b.mount(RoutePattern.parse("/api"), "m2"));
        RouteTreeBuilder<String> b2 = new RouteTreeBuilder<>();
        b2.add("GET", RoutePattern.parse("/api/*"), "c");
        assertThrows(IllegalArgumentException.class, () -> b2.mount(RoutePattern.parse("/api"), "m"));
    }

    @Test
    void wrongMethodGivesAllowWithHeadAndOptions() {
        RouteTree<String> t = tree("GET /todos", "POST /todos", "DELETE /todos/{id}");
        RouteMatch<String> m = t.find("PUT", "/todos");
        assertEquals("GET, HEAD, POST, OPTIONS", assertInstanceOf(RouteMatch.MethodNotAllowed.class, m).allow());
    }

    @Test
    void allowIsTheUnionOfEveryRouteMatchingThePath() {
        RouteTree<String> t = tree("GET /users/me", "DELETE /users/{id}", "PATCH /users/{rest...}");
        RouteMatch<String> m = t.find("PUT", "/users/me");
        assertEquals("GET, HEAD, PATCH, DELETE, OPTIONS", assertInstanceOf(RouteMatch.MethodNotAllowed.class, m).allow());
    }

    @Test
    void headFallsBackToGetUnlessItHasItsOwnRoute() {
        RouteTree<String> t = tree("GET /a", "GET /b", "HEAD /b");
        assertEquals("GET /a", found(t, "HEAD", "/a"));
        assertEquals("HEAD /b", found(t, "HEAD", "/b"));
    }

    @Test
    void unknownPathIsNotFound() {
        RouteTree<String> t = tree("GET /a/b");
        assertInstanceOf(RouteMatch.NotFound.class, t.find("GET", "/a/c"));
        assertInstanceOf(RouteMatch.NotFound.class, t.find("GET", "/a"));
        assertInstanceOf(RouteMatch.NotFound.class, t.find("GET", "/a/b/c"));
    }

    @Test
    void encodedSlashStaysInsideItsParameter() {
        RouteTree<String> t = tree("GET /files/{name}", "GET /files/{name}/meta");
        assertEquals("GET /files/{name}", found(t, "GET", "/files/a%2Fb"));
        assertEquals("a/b", params(t, "GET", "/files/a%2Fb").get("name"));
        assertEquals("a%2Fb", params(t, "GET", "/files/a%2Fb").raw("name"));
        assertEquals("GET /files/{name}/meta", found(t, "GET", "/files/a%2Fb/meta"));
    }

    @Test
    void literalsMatchThePercentDecodedSegment() {
        RouteTree<String> t = tree("GET /café/menu");
        assertEquals("GET /café/menu", found(t, "GET", "/caf%C3%A9/menu"));
        assertEquals("GET /café/menu", found(t, "GET", "/%63af%c3%a9/menu"));
    }

    @Test
    void parametersDecodeUtf8AndKeepPlusLiteral() {
        RouteTree<String> t = tree("GET /hello/{name}");
        assertEquals("Zoë + Ann", params(t, "GET", "/hello/Zo%C3%AB%20+%20Ann").get("name"));
    }

    @Test
    void trailingSlashIsSignificant() {
        RouteTree<String> t = tree("GET /todos", "GET /docs/");
        assertEquals("GET /todos", found(t, "GET", "/todos"));
        assertInstanceOf(RouteMatch.NotFound.class, t.find("GET", "/todos/"));
        assertEquals("GET /docs/", found(t, "GET", "/docs/"));
        assertInstanceOf(RouteMatch.NotFound.class, t.find("GET", "/docs"));
    }

    @Test
    void parameterDoesNotMatchAnEmptySegment() {
        RouteTree<String> t = tree("GET /users/{id}");
        assertInstanceOf(RouteMatch.NotFound.class, t.find("GET", "/users/"));
    }

    @Test
    void catchAllCapturesTheRawRestDecodedOnAccess() {
        RouteTree<String> t = tree("GET /static/{path...}");
        PathParams p = params(t, "GET", "/static/css/a%20b.css");
        assertEquals("css/a b.css", p.get("path"));
        assertEquals("", params(t, "GET", "/static/").get("path"));
    }

    @Test
    void rootRouteAndRootCatchAll() {
        RouteTree<String> t = tree("GET /", "GET /{rest...}");
        assertEquals("GET /", found(t, "GET", "/"));
        assertEquals("GET /{rest...}", found(t, "GET", "/anything/else"));
    }

    @Test
    void mountTakesThePrefixAndEverythingBelowThatNoRouteClaims() {
        RouteTreeBuilder<String> b = new RouteTreeBuilder<>();
        b.add("GET", RoutePattern.parse("/api/health"), "health");
        b.mount(RoutePattern.parse("/api"), "sub");
        RouteTree<String> t = b.build(v -> v);
        assertEquals("health", ((RouteMatch.Found<String>) t.find("GET", "/api/health")).value());
        RouteMatch.Mounted<String> m = assertInstanceOf(RouteMatch.Mounted.class, t.find("POST", "/api/health"));
        assertEquals(4, m.prefixEnd());
        m = assertInstanceOf(RouteMatch.Mounted.class, t.find("GET", "/api/todos/1"));
        assertEquals(4, m.prefixEnd());
        m = assertInstanceOf(RouteMatch.Mounted.class, t.find("GET", "/api"));
        assertEquals(4, m.prefixEnd());
        assertInstanceOf(RouteMatch.NotFound.class, t.find("GET", "/apis"));
    }

    @Test
    void parametersCapturedByTheDeepestRouteOnly() {
        RouteTree<String> t = tree("GET /orgs/{org}/repos/{repo}", "GET /orgs/{org}");
        PathParams p = params(t, "GET", "/orgs/wisp/repos/core");
        assertEquals("wisp", p.get("org"));
        assertEquals("core", p.get("repo"));
        assertEquals(java.util.List.of("org", "repo"), p.names());
    }

    @Test
    void differentParameterNamesPerMethodAtTheSamePosition() {
        RouteTree<String> t = tree("GET /items/{id}", "DELETE /items/{key}");
        assertEquals("7", params(t, "GET", "/items/7").get("id"));
        assertEquals("7", params(t, "DELETE", "/items/7").get("key"));
    }

    @Test
    void malformedEncodingInALiteralPositionIsADecodingError() {
        RouteTree<String> t = tree("GET /a/b");
        assertThrows(PercentEncoding.MalformedException.class, () -> t.find("GET", "/a/%zz"));
    }

    @Test
    void looksUpLiteralRoutesByTheServersDecodedPath() {
        RouteTree<String> t = tree("GET /café/menu", "GET /a/b", "GET /a/{x}");
        assertEquals("GET /café/menu", ((RouteMatch.Found<String>) t.find("GET", "/caf%C3%A9/menu", "/café/menu")).value());
        // The decoded path given is the one used: the raw path is not decoded a second time.
        assertEquals("GET /a/b", ((RouteMatch.Found<String>) t.find("GET", "/caf%C3%A9/menu", "/a/b")).value());
        // Without it the tree decodes the segments itself, to the same result.
        assertEquals("GET /café/menu", ((RouteMatch.Found<String>) t.find("GET", "/caf%C3%A9/menu")).value());
    }

    @Test
    void anEncodedSlashNeverReachesALiteralRouteThroughTheDecodedPath() {
        RouteTree<String> t = tree("GET /a/b", "GET /{one}");
        // "/a%2Fb" decodes to "/a/b", but it is one segment: the parameter route, with a/b as its value.
        RouteMatch.Found<String> found = (RouteMatch.Found<String>) t.find("GET", "/a%2Fb", "/a/b");
        assertEquals("GET /{one}", found.value());
        assertEquals("a/b", found.params().get("one"));
        assertInstanceOf(RouteMatch.NotFound.class, tree("GET /a/b").find("GET", "/a%2Fb", "/a/b"));
    }

    @Test
    void manyLiteralSiblingsAreAllFound() {
        RouteTreeBuilder<String> b = new RouteTreeBuilder<>();
        for (int i = 0; i < 200; i++) {
            b.add("GET", RoutePattern.parse("/r" + i + "/x"), "v" + i);
        }
        RouteTree<String> t = b.build(v -> v);
        for (int i = 0; i < 200; i++) {
            assertEquals("v" + i, ((RouteMatch.Found<String>) t.find("GET", "/r" + i + "/x")).value());
        }
        assertInstanceOf(RouteMatch.NotFound.class, t.find("GET", "/r200/x"));
    }

    @Test
    void typedParametersAnswerBadValuesWith400NamingTheParameter() {
        RouteTree<String> t = tree("GET /n/{id}");
        PathParams p = params(t, "GET", "/n/12x");
        var e = assertThrows(dev.wisp.web.problem.BadRequestException.class, () -> p.getLong("id"));
        assertTrue(e.getMessage().contains("'id'"), e.getMessage());
        assertEquals(12L, params(t, "GET", "/n/12").getLong("id"));
        assertThrows(dev.wisp.web.problem.BadRequestException.class, () -> params(t, "GET", "/n/1-1-1-1-1").getUuid("id"));
        assertThrows(IllegalArgumentException.class, () -> p.get("nope"));
    }
}
