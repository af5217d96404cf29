package dev.wisp.sample;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.notNullValue;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.wisp.metrics.Metrics;
import dev.wisp.testing.WispServerExtension;
import dev.wisp.web.middleware.ForwardedHeaders;
import dev.wisp.web.testing.TestRequest;
import dev.wisp.web.testing.TestResponse;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Proxy;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.RegisterExtension;

/** The app as {@link Main} serves it: the page, {@code /ready}, {@code /metrics}, compression. */
@Timeout(value = 60, unit = TimeUnit.SECONDS)
class OperationsTest {
    /** Whether the store's "database" answers: an in-memory store whose ready() follows this switch. */
    static final AtomicBoolean up = new AtomicBoolean(true);
    static final TodoStore store = switchable(new InMemoryTodoStore());

    static TodoStore switchable(TodoStore real) {
        return (TodoStore) Proxy.newProxyInstance(TodoStore.class.getClassLoader(), new Class<?>[] {TodoStore.class},
                (proxy, method, args) -> {
                    if (method.getName().equals("ready")) {
                        return up.get() && real.ready();
                    }
                    try {
                        return method.invoke(real, args);
                    } catch (InvocationTargetException e) {
                        throw e.getCause();
                    }
                });
    }
    static final Readiness readiness = new Readiness(store);
    static final Metrics metrics = Metrics.prometheus();

    @RegisterExtension
    static final WispServerExtension server = WispServerExtension.serve(
            () -> SampleApp.create(store, readiness, metrics, ForwardedHeaders.trustingLoopback()));

    @Test
    void readyWhileTheStoreAnswersThen503WhileItDoesNot() {
        given().get("/ready").then().statusCode(200).body("status", equalTo("READY"));
        up.set(false);
        try {
            given().get("/ready").then().statusCode(503).contentType("application/problem+json")
                    .header("Retry-After", "1").body("detail", containsString("database"));
            given().get("/health").then().statusCode(200); // liveness does not depend on the database
        } finally {
            up.set(true);
        }
    }

    @Test
    void servesThePageWithAnETagAndGzip() {
        String etag = given().get("/").then().statusCode(200).contentType(containsString("text/html"))
                .body(containsString("<label for=\"title\">New todo</label>"))
                .header("ETag", notNullValue()).extract().header("ETag");
        given().header("If-None-Match", etag).get("/").then().statusCode(304);
        given().header("Accept-Encoding", "gzip").get("/assets/app.js").then().statusCode(200)
                .header("Content-Encoding", "gzip").contentType(containsString("javascript"))
                .body(containsString("EventSource('/api/todos/events')"));
        given().get("/assets/api.js").then().statusCode(200);
        given().get("/assets/app.css").then().statusCode(200).contentType(containsString("text/css"));
        given().get("/assets/../index.html").then().statusCode(404);
    }

    @Test
    void theApiStillAnswersUnderTheOperations() {
        given().contentType("application/json").body("{\"title\":\"ops\"}").post("/api/todos").then().statusCode(201);
        given().get("/api/todos").then().statusCode(200).body("total", notNullValue());
        given().get("/no-such-page").then().statusCode(404).contentType("application/problem+json");
    }

    @Test
    void exposesRequestMetricsByRoutePattern() {
        given().get("/api/todos/12345").then().statusCode(404);
        given().get("/metrics").then().statusCode(200)
                .body(containsString("http_server_requests_seconds_count{"))
                .body(containsString("route=\"/api/todos/{id}\""))
                .body(containsString("jvm_memory_used_bytes"));
        given().header("Accept-Encoding", "gzip").get("/metrics").then().statusCode(200).header("Content-Encoding", "gzip");
    }

    @Test
    void readyIs503OnceStoppingBegins() throws Exception {
        Readiness stopping = new Readiness(new InMemoryTodoStore());
        var app = SampleApp.create(new InMemoryTodoStore(), stopping, null, ForwardedHeaders.trustingLoopback());
        assertEquals(200, TestRequest.get("/ready").send(app).status());
        assertEquals(null, TestRequest.get("/health").send(app).header("Connection"));
        stopping.stopping();
        TestResponse response = TestRequest.get("/ready").send(app);
        assertEquals(503, response.status());
        assertTrue(response.text().contains("shutting down"), response.text());
        TestResponse health = TestRequest.get("/health").send(app);
        assertEquals(200, health.status()); // still serving while it drains ...
        assertEquals("close", health.header("Connection")); // ... but a proxy should not reuse the connection
    }
}
