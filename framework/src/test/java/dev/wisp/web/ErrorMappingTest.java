package dev.wisp.web;

import dev.wisp.server.testkit.LogCapture;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.wisp.server.HttpProtocolException;
import dev.wisp.server.Response;
import dev.wisp.web.problem.ConflictException;
import dev.wisp.web.problem.HttpException;
import dev.wisp.web.problem.Problem;
import dev.wisp.web.problem.UnauthorizedException;
import dev.wisp.web.testing.TestRequest;
import dev.wisp.web.testing.TestResponse;
import java.io.EOFException;
import java.util.concurrent.TimeUnit;
import java.util.logging.LogRecord;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.Assertions;

@Timeout(value = 10, unit = TimeUnit.SECONDS)
class ErrorMappingTest {

    static class NoSuchTodo extends RuntimeException {
        final long id;

        NoSuchTodo(long id) {
            this.id = id;
        }
    }

    static class NoSuchArchivedTodo extends NoSuchTodo {
        NoSuchArchivedTodo(long id) {
            super(id);
        }
    }

    @Test
    void httpExceptionsBecomeTheirProblemWithHeaders() throws Exception {
        App app = App.create()
                .get("/conflict", req -> {
                    throw new ConflictException("Title already used");
                })
                .get("/login", req -> {
                    throw new UnauthorizedException("Bearer realm=\"api\"", "Token missing");
                })
                .get("/teapot", req -> {
                    throw new HttpException(429, "Slow down");
                });
        TestRequest.get("/conflict").send(app).assertStatus(409).assertContentType("application/problem+json")
                .assertJson("/title", "Conflict").assertJson("/detail", "Title already used").assertJson("/instance", "/conflict");
        TestRequest.get("/login").send(app).assertStatus(401).assertHeader("WWW-Authenticate", "Bearer realm=\"api\"");
        TestRequest.get("/teapot").send(app).assertStatus(429).assertJson("/title", "Too Many Requests");
    }

    @Test
    void unexpectedExceptionsAreA500LoggedOnceWithoutLeakingDetails() throws Exception {
        App app = App.create().get("/boom", req -> {
            throw new IllegalStateException("secret database password in message");
        });
        try (LogCapture log = LogCapture.of("dev.wisp.web")) {
            TestResponse res = TestRequest.get("/boom").send(app).assertStatus(500)
                    .assertContentType("application/problem+json").assertJson("/title", "Internal Server Error");
            assertFalse(res.text().contains("secret"), res.text());
            assertFalse(res.text().contains("IllegalStateException"), res.text());
            assertFalse(res.text().contains("at dev.wisp"), res.text());
            assertEquals(1, log.records().size());
            LogRecord record = log.records().getFirst();
            String errorId = res.json().get("errorId").stringValue();
            assertTrue(record.getMessage().startsWith("app.error method=GET path=/boom"), record.getMessage());
            assertTrue(record.getMessage().contains("error_id=" + errorId), record.getMessage());
            assertNotNull(record.getThrown(), "the stack trace goes to the log");
        }
    }

    @Test
    void exceptionInMiddlewareIsLoggedOnceEvenThroughSeveralLayers() throws Exception {
        App app = App.create()
                .around((req, next) -> next.handle(req))
                .around((req, next) -> {
                    throw new IllegalStateException("in middleware");
                })
                .get("/a", req -> "a");
        try (LogCapture log = LogCapture.of("dev.wisp.web")) {
            TestRequest.get("/a").send(app).assertStatus(500);
            assertEquals(1, log.records().size());
        }
    }

    @Test
    void registeredMappersHandleTheirTypeAndSubtypes() throws Exception {
        App app = App.create()
                .exception(NoSuchTodo.class, (e, req) -> Problem.of(404, "No todo " + e.id).toResponse())
                .get("/t/{id}", req -> {
                    throw new NoSuchTodo(req.pathLong("id"));
                })
                .get("/archived/{id}", req -> {
                    throw new NoSuchArchivedTodo(req.pathLong("id"));
                });
        TestRequest.get("/t/3").send(app).assertStatus(404).assertJson("/detail", "No todo 3");
        TestRequest.get("/archived/4").send(app).assertStatus(404).assertJson("/detail", "No todo 4");
    }

    @Test
    void closestMapperWins() throws Exception {
        App app = App.create()
                .exception(NoSuchTodo.class, (e, req) -> Response.text(404, "general"))
                .exception(NoSuchArchivedTodo.class, (e, req) -> Response.text(410, "archived"))
                .get("/archived", req -> {
                    throw new NoSuchArchivedTodo(1);
                });
        TestRequest.get("/archived").send(app).assertStatus(410).assertBody("archived");
    }

    @Test
    void mapperMayRethrowAnHttpExceptionAndAFailingMapperIsA500() throws Exception {
        App app = App.create()
                .exception(NoSuchTodo.class, (e, req) -> {
                    throw new ConflictException("mapped");
                })
                .exception(IllegalArgumentException.class, (e, req) -> {
                    throw new IllegalStateException("mapper bug");
                })
                .get("/a", req -> {
                    throw new NoSuchTodo(1);
                })
                .get("/b", req -> {
                    throw new IllegalArgumentException("x");
                });
        TestRequest.get("/a").send(app).assertStatus(409).assertJson("/detail", "mapped");
        try (LogCapture log = LogCapture.of("dev.wisp.web")) {
            TestRequest.get("/b").send(app).assertStatus(500);
            assertEquals(1, log.records().size());
        }
    }

    @Test
    void bodyLimitFromTheServerBecomesItsProblemAndClosesWhenFramingIsLost() throws Exception {
        App app = App.create().post("/up", req -> {
            throw new HttpProtocolException(413, "Request body is too large", true);
        });
        TestRequest.post("/up").send(app).assertStatus(413).assertHeader("Connection", "close")
                .assertJson("/detail", "Request body is too large");
    }

    @Test
    void anEofFromTheApplicationsOwnCallsIsAn500NotAClientDisconnect() throws Exception {
        // The core reports client-side body failures as HttpProtocolException (400/408); an
        // EOFException a handler lets through is its own (a database connection, say).
        App app = App.create().post("/up", req -> {
            throw new EOFException("database connection closed");
        });
        TestRequest.post("/up").send(app).assertStatus(500);
    }

    @Test
    void problemJsonEscapesAndRendersExtensions() {
        Problem p = Problem.of(400, "quote \" backslash \\ newline \n tab \t ctl \u0001 line-sep \u2028")
                .with("count", 3).with("ratio", 0.5).with("flag", true).with("none", null)
                .with("list", java.util.List.of("a", 1)).with("map", java.util.Map.of("k", "v"));
        String json = new String(p.toJson(), java.nio.charset.StandardCharsets.UTF_8);
        assertEquals("{\"type\":\"about:blank\",\"title\":\"Bad Request\",\"status\":400,"
                + "\"detail\":\"quote \\\" backslash \\\\ newline \\n tab \\t ctl \\u0001 line-sep \\u2028\","
                + "\"count\":3,\"ratio\":0.5,\"flag\":true,\"none\":null,\"list\":[\"a\",1],\"map\":{\"k\":\"v\"}}", json);
        // and it is valid JSON
        assertEquals(400, TestResponse.of(p.toResponse()).json().get("status").intValue());
    }

    @Test
    void problemRejectsExtensionsThatShadowStandardMembers() {
        Assertions.assertThrows(IllegalArgumentException.class, () -> Problem.of(400).with("status", 200));
    }
}
