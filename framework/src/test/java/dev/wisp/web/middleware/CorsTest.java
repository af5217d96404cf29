package dev.wisp.web.middleware;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.wisp.web.App;
import dev.wisp.web.testing.TestRequest;
import dev.wisp.web.testing.TestResponse;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

@Timeout(value = 10, unit = TimeUnit.SECONDS)
class CorsTest {
    private final AtomicInteger routeCalls = new AtomicInteger();
    private final App app = App.create()
            .use(Cors.builder()
                    .allowOrigins("https://app.example.com")
                    .allowMethods("GET", "POST", "DELETE")
                    .allowHeaders("Content-Type", "Authorization")
                    .exposeHeaders("Location")
                    .allowCredentials(true)
                    .maxAge(Duration.ofMinutes(10))
                    .build())
            .get("/todos", req -> {
                routeCalls.incrementAndGet();
                return "list";
            })
            .delete("/todos/{id}", req -> null);

    @Test
    void answersAnAllowedPreflightWithoutCallingTheRoute() throws Exception {
        TestRequest.options("/todos/1")
                .header("Origin", "https://app.example.com")
                .header("Access-Control-Request-Method", "DELETE")
                .header("Access-Control-Request-Headers", "authorization, content-type")
                .send(app)
                .assertStatus(204)
                .assertHeader("Access-Control-Allow-Origin", "https://app.example.com")
                .assertHeader("Access-Control-Allow-Methods", "GET, POST, DELETE")
                .assertHeader("Access-Control-Allow-Headers", "Content-Type, Authorization")
                .assertHeader("Access-Control-Allow-Credentials", "true")
                .assertHeader("Access-Control-Max-Age", "600")
                .assertHeader("Vary", "Origin");
        assertEquals(0, routeCalls.get());
    }

    @Test
    void refusesAPreflightFromAnotherOriginOrForAnotherMethodOrHeader() throws Exception {
        TestResponse origin = TestRequest.options("/todos").header("Origin", "https://evil.example")
                .header("Access-Control-Request-Method", "GET").send(app).assertStatus(403)
                .assertHeader("Access-Control-Allow-Origin", null);
        assertTrue(origin.json().get("detail").stringValue().contains("origin"));
        TestRequest.options("/todos").header("Origin", "https://app.example.com")
                .header("Access-Control-Request-Method", "PUT").send(app).assertStatus(403);
        TestRequest.options("/todos").header("Origin", "https://app.example.com")
                .header("Access-Control-Request-Method", "GET")
                .header("Access-Control-Request-Headers", "x-secret").send(app).assertStatus(403)
                .assertBodyContains("x-secret");
    }

    @Test
    void addsAllowHeadersToAnActualRequestFromAnAllowedOrigin() throws Exception {
        TestRequest.get("/todos").header("Origin", "https://app.example.com").send(app)
                .assertStatus(200).assertBody("list")
                .assertHeader("Access-Control-Allow-Origin", "https://app.example.com")
                .assertHeader("Access-Control-Allow-Credentials", "true")
                .assertHeader("Access-Control-Expose-Headers", "Location")
                .assertHeader("Vary", "Origin");
    }

    @Test
    void leavesOtherOriginsAndSameOriginRequestsWithoutAllowHeaders() throws Exception {
        TestRequest.get("/todos").header("Origin", "https://evil.example").send(app)
                .assertStatus(200).assertHeader("Access-Control-Allow-Origin", null).assertHeader("Vary", "Origin");
        TestRequest.get("/todos").send(app)
                .assertStatus(200).assertHeader("Access-Control-Allow-Origin", null).assertHeader("Vary", "Origin");
    }

    @Test
    void plainOptionsWithoutPreflightHeadersReachesTheRouter() throws Exception {
        TestRequest.options("/todos").header("Origin", "https://app.example.com").send(app)
                .assertStatus(204).assertHeader("Allow", "GET, HEAD, OPTIONS");
    }

    @Test
    void anyOriginUsesTheWildcardAndEchoesAnyHeader() throws Exception {
        App open = App.create().use(Cors.builder().allowAnyOrigin().allowAnyHeader().build()).get("/a", req -> "a");
        TestRequest.get("/a").header("Origin", "https://x.example").send(open)
                .assertHeader("Access-Control-Allow-Origin", "*").assertHeader("Vary", null);
        TestRequest.options("/a").header("Origin", "https://x.example").header("Access-Control-Request-Method", "GET")
                .header("Access-Control-Request-Headers", "x-one, x-two").send(open)
                .assertStatus(204).assertHeader("Access-Control-Allow-Headers", "x-one, x-two")
                .assertHeader("Access-Control-Allow-Credentials", null);
    }

    @Test
    void rejectsWildcardsWithCredentialsAndMalformedOrigins() {
        assertThrows(IllegalStateException.class, () -> Cors.builder().allowAnyOrigin().allowCredentials(true).build());
        assertThrows(IllegalStateException.class,
                () -> Cors.builder().allowOrigins("https://a.example").allowAnyHeader().allowCredentials(true).build());
        assertThrows(IllegalStateException.class, () -> Cors.builder().build());
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> Cors.builder().allowOrigins("https://a.example/"));
        assertTrue(e.getMessage().contains("no path or trailing slash"), e.getMessage());
    }
}
