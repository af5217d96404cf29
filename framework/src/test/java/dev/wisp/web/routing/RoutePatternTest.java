package dev.wisp.web.routing;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.wisp.web.routing.RoutePattern.CatchAll;
import dev.wisp.web.routing.RoutePattern.Literal;
import dev.wisp.web.routing.RoutePattern.Param;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

@Timeout(value = 10, unit = TimeUnit.SECONDS)
class RoutePatternTest {

    @Test
    void parsesLiteralsParametersAndCatchAll() {
        RoutePattern p = RoutePattern.parse("/users/{id}/files/{rest...}");
        assertEquals(List.of(new Literal("users"), new Param("id"), new Literal("files"), new CatchAll("rest")), p.segments());
        assertEquals(List.of("id", "rest"), p.parameterNames());
    }

    @Test
    void starIsAnAnonymousCatchAll() {
        assertEquals(List.of(new Literal("static"), new CatchAll("*")), RoutePattern.parse("/static/*").segments());
    }

    @Test
    void trailingSlashIsAnEmptyLastLiteral() {
        assertEquals(List.of(new Literal("users"), new Literal("")), RoutePattern.parse("/users/").segments());
        assertEquals(List.of(new Literal("")), RoutePattern.parse("/").segments());
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', quoteCharacter = '"', value = {
            "users              | must start with '/'",
            "/a//b              | empty segment",
            "/files/{name}.txt  | whole segment",
            "/{rest...}/more    | must be the last segment",
            "/a/{id}/{id}       | appears twice",
            "/a/{1x}            | not a valid parameter",
            "/caf%C3%A9         | write literal segments decoded",
            "/a/../b            | '.' and '..'",
            "/a/b*              | whole last segment",
    })
    void rejectsInvalidPatternsWithAFix(String pattern, String message) {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> RoutePattern.parse(pattern));
        assertTrue(e.getMessage().contains(message), e.getMessage());
        assertTrue(e.getMessage().contains(pattern), e.getMessage());
    }

    @Test
    void joinsGroupPrefixes() {
        assertEquals("/admin/stats", RoutePattern.join("/admin", "/stats"));
        assertEquals("/admin", RoutePattern.join("/admin", ""));
        assertEquals("/admin/", RoutePattern.join("/admin", "/"));
        assertEquals("/x", RoutePattern.join("", "/x"));
    }

    @Test
    void rejectsPrefixWithTrailingSlashOrCatchAll() {
        assertThrows(IllegalArgumentException.class, () -> RoutePattern.checkPrefix("/admin/"));
        assertThrows(IllegalArgumentException.class, () -> RoutePattern.checkPrefix("/files/{rest...}"));
        assertEquals("", RoutePattern.checkPrefix("/"));
        assertEquals("/users/{id}", RoutePattern.checkPrefix("/users/{id}"));
    }
}
