package dev.wisp.sample;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasSize;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.wisp.sample.db.DbConfig;
import dev.wisp.sample.db.JdbcTodoStore;
import dev.wisp.sample.db.PostgresTestDatabase;
import dev.wisp.server.Server;
import dev.wisp.server.ServerConfig;
import dev.wisp.web.sse.SseEvent;
import dev.wisp.web.testing.SseClient;
import io.restassured.http.ContentType;
import io.restassured.specification.RequestSpecification;
import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * The REST API on the database stores (the other API tests cover it in depth on the in-memory
 * store): the same answers, ETags from the version, conditional writes that lose nothing, and
 * todos, attachments and events that outlive the server; on PostgreSQL also two instances
 * sharing one database, events included.
 */
@Timeout(value = 60, unit = TimeUnit.SECONDS)
class TodoApiOnDatabasesTest {
    static final Duration WAIT = Duration.ofSeconds(10);

    @Test
    void servesAndKeepsTodosOnH2(@TempDir Path dataDir) throws Exception {
        DbConfig config = DbConfig.embedded(dataDir);
        Kept kept = crudThenRestart(config);
        try (TodoStore store = JdbcTodoStore.open(config); Server server = serve(store)) {
            assertKept(server, kept);
            racingConditionalPuts(server);
        }
    }

    @Test
    void servesAndKeepsTodosOnPostgres() throws Exception {
        try (PostgresTestDatabase db = PostgresTestDatabase.create()) {
            Kept kept = crudThenRestart(db.config());
            // Two instances on one database: what one writes, the other reads, and its stream tells.
            try (TodoStore a = JdbcTodoStore.open(db.config()); TodoStore b = JdbcTodoStore.open(db.config());
                 Server first = serve(a); Server second = serve(b);
                 SseClient events = SseClient.connect(URI.create("http://127.0.0.1:" + second.port() + "/api/todos/events"))) {
                assertEquals(200, events.status());
                long created = api(first).contentType(ContentType.JSON).body("{\"title\": \"shared\"}")
                        .post("/api/todos").then().statusCode(201).extract().jsonPath().getLong("id");
                api(second).get("/api/todos/" + created).then().statusCode(200).body("title", equalTo("shared"));
                SseEvent event = events.events().next(WAIT);
                assertEquals("todo.created", event.event());
                assertEquals("{\"id\":" + created + ",\"title\":\"shared\",\"completed\":false,\"version\":1}", event.data());
                // A stale If-Match from one instance is refused by the other.
                api(second).header("If-Match", "\"1\"").delete("/api/todos/" + kept.todo()).then().statusCode(412);
                assertKept(second, kept);
                racingConditionalPuts(first, second);
            }
        }
    }

    @Test
    void answers503WithRetryAfterUntilTheSchemaIsMigrated(@TempDir Path dataDir) {
        try (JdbcTodoStore store = JdbcTodoStore.connect(DbConfig.embedded(dataDir)); Server server = serve(store)) {
            api(server).get("/api/todos/1").then().statusCode(503)
                    .contentType("application/problem+json").header("Retry-After", "1")
                    .body("status", equalTo(503)).body("instance", equalTo("/api/todos/1"));
            store.migrate();
            api(server).get("/api/todos/1").then().statusCode(404);
        }
    }

    /** What {@link #crudThenRestart} leaves: a todo at version 3, an attachment, and the events. */
    record Kept(long todo, String attachment, byte[] content, List<SseEvent> events) {
    }

    /**
     * Creates, reads, updates, lists and deletes over HTTP, with an attachment and an event
     * stream, then stops the server and closes the store.
     */
    private static Kept crudThenRestart(DbConfig config) throws Exception {
        long id;
        String attachment;
        byte[] content = new byte[300_000];
        new Random(7).nextBytes(content);
        List<SseEvent> events = new ArrayList<>();
        try (TodoStore store = JdbcTodoStore.open(config); Server server = serve(store);
             SseClient stream = SseClient.connect(URI.create("http://127.0.0.1:" + server.port() + "/api/todos/events"))) {
            assertEquals(200, stream.status());
            id = api(server).contentType(ContentType.JSON).body("{\"title\": \"Buy milk\"}")
                    .post("/api/todos").then().statusCode(201)
                    .header("Location", "/api/todos/" + 1).header("ETag", "\"1\"")
                    .body("version", equalTo(1)).extract().jsonPath().getLong("id");
            api(server).get("/api/todos/" + id).then().statusCode(200).header("ETag", "\"1\"").body("completed", equalTo(false));
            api(server).contentType(ContentType.JSON).body("{\"title\": \"Buy oat milk\", \"completed\": true}")
                    .put("/api/todos/" + id).then().statusCode(200).header("ETag", "\"2\"").body("version", equalTo(2));
            api(server).contentType(ContentType.JSON).body("{\"title\": \"renamed\"}")
                    .patch("/api/todos/" + id).then().statusCode(200).header("ETag", "\"3\"").body("completed", equalTo(true));
            long gone = api(server).contentType(ContentType.JSON).body("{\"title\": \"temporary\"}")
                    .post("/api/todos").then().statusCode(201).extract().jsonPath().getLong("id");
            api(server).delete("/api/todos/" + gone).then().statusCode(204);
            api(server).get("/api/todos/" + gone).then().statusCode(404);
            api(server).contentType(ContentType.JSON).body("{\"title\": \"  \"}").post("/api/todos").then().statusCode(422);
            api(server).get("/api/todos?completed=true").then().statusCode(200).body("items", hasSize(1)).body("total", equalTo(1));
            attachment = api(server).contentType(MultipartBody.CONTENT_TYPE)
                    .body(new MultipartBody().file("file", "Über.bin", "application/octet-stream", content).bytes())
                    .post("/api/todos/" + id + "/attachments").then().statusCode(201).extract().header("Location");
            for (int i = 0; i < 5; i++) { // created, updated, updated, created, deleted
                events.add(stream.events().next(WAIT));
            }
        }
        assertEquals(List.of(TodoEvent.CREATED, TodoEvent.UPDATED, TodoEvent.UPDATED, TodoEvent.CREATED, TodoEvent.DELETED),
                events.stream().map(SseEvent::event).toList());
        return new Kept(id, attachment, content, events);
    }

    /** After a restart: the todo, its attachment byte for byte, and its events for a replay. */
    private static void assertKept(Server server, Kept kept) throws Exception {
        api(server).get("/api/todos/" + kept.todo()).then().statusCode(200).header("ETag", "\"3\"").body("title", equalTo("renamed"));
        api(server).header("If-None-Match", "\"3\"").get("/api/todos/" + kept.todo()).then().statusCode(304);
        byte[] downloaded = api(server).get(kept.attachment()).then().statusCode(200)
                .header("Content-Disposition", "attachment; filename=\"_ber.bin\"; filename*=UTF-8''%C3%9Cber.bin")
                .extract().asByteArray();
        assertArrayEquals(kept.content(), downloaded);
        // A client that saw the first event gets the rest replayed, from the database.
        try (SseClient replay = SseClient.connect(URI.create("http://127.0.0.1:" + server.port() + "/api/todos/events"),
                "Last-Event-ID", kept.events().get(0).id())) {
            for (SseEvent expected : kept.events().subList(1, kept.events().size())) {
                assertEquals(expected, replay.events().next(WAIT));
            }
        }
    }

    /** Two PUTs with the same If-Match, through one instance or two: exactly one wins. */
    private static void racingConditionalPuts(Server... servers) throws Exception {
        try (ExecutorService pool = Executors.newFixedThreadPool(2)) {
            for (int round = 0; round < 5; round++) {
                long id = api(servers[0]).contentType(ContentType.JSON).body("{\"title\": \"race\"}")
                        .post("/api/todos").then().statusCode(201).extract().jsonPath().getLong("id");
                CountDownLatch start = new CountDownLatch(1);
                List<Future<Integer>> puts = new ArrayList<>();
                for (int i = 0; i < 2; i++) {
                    Server target = servers[i % servers.length];
                    String title = "writer " + i;
                    puts.add(pool.submit(() -> {
                        start.await();
                        return api(target).header("If-Match", "\"1\"").contentType(ContentType.JSON)
                                .body("{\"title\": \"" + title + "\"}").put("/api/todos/" + id).then().extract().statusCode();
                    }));
                }
                start.countDown();
                List<Integer> statuses = new ArrayList<>();
                for (Future<Integer> f : puts) {
                    statuses.add(f.get(30, TimeUnit.SECONDS));
                }
                statuses.sort(null);
                assertEquals(List.of(200, 412), statuses, "round " + round);
                api(servers[0]).get("/api/todos/" + id).then().statusCode(200).header("ETag", "\"2\"");
            }
        }
    }

    private static Server serve(TodoStore store) {
        // A short heartbeat: a stream whose client has gone ends soon, so the server stops at once.
        ApiSettings settings = ApiSettings.defaults().withEventHeartbeat(Duration.ofMillis(200));
        return Server.start(settings.applyTo(ServerConfig.defaults().withHost("127.0.0.1").withPort(0)), TodoApp.create(store, settings));
    }

    private static RequestSpecification api(Server server) {
        return given().baseUri("http://127.0.0.1").port(server.port());
    }
}
