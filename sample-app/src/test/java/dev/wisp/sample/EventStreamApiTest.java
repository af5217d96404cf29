package dev.wisp.sample;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.wisp.server.Body;
import dev.wisp.server.Handler;
import dev.wisp.server.Response;
import dev.wisp.server.Server;
import dev.wisp.server.ServerConfig;
import dev.wisp.web.sse.SseEvent;
import dev.wisp.web.testing.SseClient;
import io.restassured.http.ContentType;
import io.restassured.specification.RequestSpecification;
import java.io.IOException;
import java.net.URI;
import java.time.Duration;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * {@code GET /api/todos/events} over a socket: one event per change in commit order, replay after
 * {@code Last-Event-ID}, heartbeats, and the stream's end when its client goes. The heartbeat is
 * 200 ms here, so a departed client is noticed quickly.
 */
@Timeout(value = 60, unit = TimeUnit.SECONDS)
class EventStreamApiTest {
    static final Duration WAIT = Duration.ofSeconds(10);
    static final String TRACE = "X-Test-Stream";
    /** Per {@link #TRACE} value: counted down when that request's event stream has ended on the server. */
    static final Map<String, CountDownLatch> ENDED = new ConcurrentHashMap<>();
    static Server server;

    @BeforeAll
    static void start() {
        ApiSettings settings = ApiSettings.defaults().withEventHeartbeat(Duration.ofMillis(200));
        Handler app = TodoApp.create(new InMemoryTodoStore(), settings);
        server = Server.start(settings.applyTo(ServerConfig.defaults().withHost("127.0.0.1").withPort(0)), tracking(app));
    }

    @AfterAll
    static void stop() {
        server.close();
    }

    /** {@code app}, noting when the body of a streamed response marked with {@link #TRACE} is done. */
    static Handler tracking(Handler app) {
        return request -> {
            Response response = app.handle(request);
            String trace = request.header(TRACE);
            if (trace == null || !(response.body() instanceof Body.Stream stream)) {
                return response;
            }
            return response.withBody(new Body.Stream(out -> {
                try {
                    stream.writer().writeTo(out);
                } finally {
                    ENDED.computeIfAbsent(trace, t -> new CountDownLatch(1)).countDown();
                }
            }));
        };
    }

    static RequestSpecification api() {
        return given().baseUri("http://127.0.0.1").port(server.port());
    }

    static SseClient connect(String... headers) throws IOException {
        SseClient client = SseClient.connect(URI.create("http://127.0.0.1:" + server.port() + "/api/todos/events"), headers);
        assertEquals(200, client.status());
        assertEquals("text/event-stream; charset=utf-8", client.header("Content-Type"));
        return client;
    }

    static long create(String title) {
        return api().contentType(ContentType.JSON).body("{\"title\": \"" + title + "\"}")
                .post("/api/todos").then().statusCode(201).extract().jsonPath().getLong("id");
    }

    @Test
    void sendsOneEventPerChangeInOrder() throws Exception {
        try (SseClient client = connect()) {
            long id = create("Buy milk");
            api().contentType(ContentType.JSON).body("{\"completed\": true}").patch("/api/todos/" + id).then().statusCode(200);
            api().delete("/api/todos/" + id).then().statusCode(204);

            SseEvent created = client.events().next(WAIT);
            SseEvent updated = client.events().next(WAIT);
            SseEvent deleted = client.events().next(WAIT);
            assertEquals("todo.created", created.event());
            assertEquals("{\"id\":" + id + ",\"title\":\"Buy milk\",\"completed\":false,\"version\":1}", created.data());
            assertEquals("todo.updated", updated.event());
            assertEquals("{\"id\":" + id + ",\"title\":\"Buy milk\",\"completed\":true,\"version\":2}", updated.data());
            assertEquals("todo.deleted", deleted.event());
            assertEquals("{\"id\":" + id + "}", deleted.data());
            assertEquals(Long.parseLong(created.id()) + 1, Long.parseLong(updated.id()));
            assertEquals(Long.parseLong(updated.id()) + 1, Long.parseLong(deleted.id()));
        }
    }

    @Test
    void startsWithTheNextChangeWithoutLastEventId() throws Exception {
        create("before the stream");
        try (SseClient client = connect()) {
            long id = create("after the stream");
            SseEvent first = client.events().next(WAIT);
            assertTrue(first.data().startsWith("{\"id\":" + id + ","), first.data());
        }
    }

    @Test
    void replaysTheEventsAfterLastEventIdThenGoesOnLive() throws Exception {
        SseEvent a;
        SseEvent b;
        SseEvent c;
        try (SseClient client = connect()) {
            create("replay a");
            create("replay b");
            create("replay c");
            a = client.events().next(WAIT);
            b = client.events().next(WAIT);
            c = client.events().next(WAIT);
        }
        // A browser reconnects with the id of the last event it saw.
        try (SseClient client = connect("Last-Event-ID", a.id())) {
            assertEquals(b, client.events().next(WAIT));
            assertEquals(c, client.events().next(WAIT));
            long id = create("replay live");
            SseEvent live = client.events().next(WAIT);
            assertTrue(live.data().startsWith("{\"id\":" + id + ","), live.data());
        }
    }

    @Test
    void treatsAnEmptyLastEventIdAsNone() throws Exception {
        try (SseClient client = connect("Last-Event-ID", "")) {
            long id = create("empty id");
            assertTrue(client.events().next(WAIT).data().startsWith("{\"id\":" + id + ","));
        }
    }

    @Test
    void refusesALastEventIdThatIsNoEventId() {
        for (String bad : new String[] {"abc", "-1", "1.5", "12345678901234567890", " 7x"}) {
            api().header("Last-Event-ID", bad).get("/api/todos/events").then()
                    .statusCode(400).contentType("application/problem+json")
                    .body("errors[0].header", equalTo("Last-Event-ID"));
        }
    }

    @Test
    void sendsHeartbeatsWhileNothingChanges() throws Exception {
        try (SseClient client = connect()) {
            assertEquals("heartbeat", client.events().nextComment(WAIT));
            assertEquals("heartbeat", client.events().nextComment(WAIT));
        }
    }

    @Test
    void endsTheStreamWhenTheClientGoes() throws Exception {
        String trace = UUID.randomUUID().toString();
        CountDownLatch ended = ENDED.computeIfAbsent(trace, t -> new CountDownLatch(1));
        SseClient client = connect(TRACE, trace);
        assertEquals("heartbeat", client.events().nextComment(WAIT)); // the stream's handler is running
        assertEquals(1, ended.getCount());
        client.close();
        assertTrue(ended.await(WAIT.toMillis(), TimeUnit.MILLISECONDS), "the server ended the stream of a client that left");
    }
}
