package dev.wisp.sample;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasSize;

import dev.wisp.sample.db.DbConfig;
import dev.wisp.sample.db.JdbcTodoStore;
import dev.wisp.sample.db.PostgresTestDatabase;
import dev.wisp.server.Server;
import dev.wisp.server.ServerConfig;
import io.restassured.http.ContentType;
import io.restassured.specification.RequestSpecification;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * The REST API on the database stores (TodoApiTest covers it in depth on the in-memory store):
 * the same answers, ETags from the version, and data that outlives the server.
 */
@Timeout(value = 60, unit = TimeUnit.SECONDS)
class TodoApiOnDatabasesTest {

    @Test
    void servesAndKeepsTodosOnH2(@TempDir Path dataDir) {
        DbConfig config = DbConfig.embedded(dataDir);
        long id = crudThenRestart(config);
        try (TodoStore store = JdbcTodoStore.open(config); Server server = serve(store)) {
            api(server).get("/api/todos/" + id).then().statusCode(200).header("ETag", "\"3\"").body("title", equalTo("renamed"));
        }
    }

    @Test
    void servesAndKeepsTodosOnPostgres() throws Exception {
        try (PostgresTestDatabase db = PostgresTestDatabase.create()) {
            long id = crudThenRestart(db.config());
            // Two instances on one database: what one writes, the other reads.
            try (TodoStore a = JdbcTodoStore.open(db.config()); TodoStore b = JdbcTodoStore.open(db.config());
                 Server first = serve(a); Server second = serve(b)) {
                long created = api(first).contentType(ContentType.JSON).body("{\"title\": \"shared\"}")
                        .post("/api/todos").then().statusCode(201).extract().jsonPath().getLong("id");
                api(second).get("/api/todos/" + created).then().statusCode(200).body("title", equalTo("shared"));
                api(second).get("/api/todos/" + id).then().statusCode(200).body("version", equalTo(3));
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

    /** Creates, reads, updates, lists and deletes over HTTP, then restarts; returns a kept todo's id. */
    private static long crudThenRestart(DbConfig config) {
        long id;
        try (TodoStore store = JdbcTodoStore.open(config); Server server = serve(store)) {
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
        }
        return id;
    }

    private static Server serve(TodoStore store) {
        return Server.start(ServerConfig.defaults().withHost("127.0.0.1").withPort(0), TodoApp.create(store));
    }

    private static RequestSpecification api(Server server) {
        return given().baseUri("http://127.0.0.1").port(server.port());
    }
}
