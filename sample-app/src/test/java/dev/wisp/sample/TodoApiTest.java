package dev.wisp.sample;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.empty;
import static org.hamcrest.Matchers.emptyOrNullString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.hasSize;
import static org.hamcrest.Matchers.matchesPattern;
import static org.hamcrest.Matchers.notNullValue;
import static org.hamcrest.Matchers.nullValue;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.wisp.testing.WispServerExtension;
import io.restassured.http.ContentType;
import java.io.ByteArrayInputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.HashSet;
import java.util.List;
import java.util.Random;
import java.util.Set;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.zip.GZIPInputStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.RegisterExtension;

/** The todo API end to end: a real server on a free port, driven by REST-assured. */
@Timeout(value = 60, unit = TimeUnit.SECONDS)
class TodoApiTest {
    @RegisterExtension
    static final WispServerExtension server = WispServerExtension.serve(() -> TodoApp.create(new InMemoryTodoStore()));

    static final String PROBLEM = "application/problem+json";

    static long createTodo(String title) {
        return given().contentType(ContentType.JSON).body("{\"title\": \"" + title + "\"}")
                .post("/api/todos").then().statusCode(201).extract().jsonPath().getLong("id");
    }

    @Test
    void createsATodoWithLocationAndTrimmedTitle() {
        long id = given().contentType(ContentType.JSON).body("{\"title\": \"  Buy milk  \", \"completed\": true}")
                .when().post("/api/todos")
                .then().statusCode(201)
                .contentType(ContentType.JSON)
                .header("Location", matchesPattern("/api/todos/\\d+"))
                .body("title", equalTo("Buy milk"))
                .body("completed", equalTo(true))
                .extract().jsonPath().getLong("id");
        given().get("/api/todos/" + id).then().statusCode(200)
                .body("id", equalTo((int) id)).body("title", equalTo("Buy milk"));
    }

    @Test
    void defaultsCompletedToFalse() {
        given().contentType(ContentType.JSON).body("{\"title\": \"x\"}").post("/api/todos")
                .then().statusCode(201).body("completed", equalTo(false));
    }

    @Test
    void listsEveryFieldErrorAtOnce() {
        given().contentType(ContentType.JSON).body("{\"title\": \"   \", \"completed\": \"yes\", \"colour\": \"red\"}")
                .when().post("/api/todos")
                .then().statusCode(422)
                .contentType(PROBLEM)
                .body("status", equalTo(422))
                .body("title", equalTo("Unprocessable Content"))
                .body("errors.pointer", hasItem("#/title"))
                .body("errors.pointer", hasItem("#/completed"))
                .body("errors.pointer", hasItem("#/colour"))
                .body("errors", hasSize(3));
    }

    @Test
    void requiresATitleOfAtMost200Characters() {
        given().contentType(ContentType.JSON).body("{}").post("/api/todos")
                .then().statusCode(422).body("errors[0].pointer", equalTo("#/title")).body("errors[0].detail", equalTo("is required"));
        given().contentType(ContentType.JSON).body("{\"title\": \"" + "a".repeat(201) + "\"}").post("/api/todos")
                .then().statusCode(422).body("errors[0].detail", containsString("at most 200"));
        given().contentType(ContentType.JSON).body("{\"title\": \"" + "a".repeat(200) + "\"}").post("/api/todos")
                .then().statusCode(201);
        given().contentType(ContentType.JSON).body("{\"title\": 42}").post("/api/todos")
                .then().statusCode(422).body("errors[0].detail", equalTo("must be a string"));
        given().contentType(ContentType.JSON).body("[1, 2]").post("/api/todos")
                .then().statusCode(422);
    }

    @Test
    void rejectsMalformedJsonWithLineAndColumn() {
        given().contentType(ContentType.JSON).body("{\"title\": \"x\",\n  oops}").post("/api/todos")
                .then().statusCode(400).contentType(PROBLEM)
                .body("line", equalTo(2)).body("column", notNullValue());
    }

    @Test
    void rejectsAWrongContentTypeWith415() {
        given().contentType(ContentType.TEXT).body("{\"title\": \"x\"}").post("/api/todos")
                .then().statusCode(415).contentType(PROBLEM);
        given().body("{\"title\": \"x\"}".getBytes()).post("/api/todos").then().statusCode(415);
    }

    @Test
    void answersUnknownIdsWith404AndNonNumericIdsWith400() {
        given().get("/api/todos/999999").then().statusCode(404).contentType(PROBLEM)
                .body("detail", equalTo("No todo with id 999999")).body("instance", equalTo("/api/todos/999999"));
        given().get("/api/todos/abc").then().statusCode(400).contentType(PROBLEM)
                .body("errors[0].parameter", equalTo("id"));
        given().contentType(ContentType.JSON).body("{\"title\": \"x\"}").put("/api/todos/999999").then().statusCode(404);
        given().contentType(ContentType.JSON).body("{}").patch("/api/todos/999999").then().statusCode(404);
        given().delete("/api/todos/999999").then().statusCode(404);
        given().delete("/api/todos/x1").then().statusCode(400);
    }

    @Test
    void replacesWithPutAndMergesWithPatch() {
        long id = createTodo("first");
        given().contentType(ContentType.JSON).body("{\"title\": \"second\", \"completed\": true}").put("/api/todos/" + id)
                .then().statusCode(200).body("title", equalTo("second")).body("completed", equalTo(true));
        // PUT is a full replace: an absent 'completed' is false again.
        given().contentType(ContentType.JSON).body("{\"title\": \"third\"}").put("/api/todos/" + id)
                .then().statusCode(200).body("completed", equalTo(false));
        given().contentType(ContentType.JSON).body("{\"completed\": true}").patch("/api/todos/" + id)
                .then().statusCode(200).body("title", equalTo("third")).body("completed", equalTo(true));
        given().contentType("application/merge-patch+json; charset=utf-8").body("{\"title\": \"fourth\"}").patch("/api/todos/" + id)
                .then().statusCode(200).body("title", equalTo("fourth")).body("completed", equalTo(true));
        given().contentType(ContentType.JSON).body("{\"title\": \"\"}").patch("/api/todos/" + id).then().statusCode(422);
        given().contentType(ContentType.JSON).body("{\"completed\": true}").put("/api/todos/" + id).then().statusCode(422);
    }

    @Test
    void deletesATodo() {
        long id = createTodo("to delete");
        given().delete("/api/todos/" + id).then().statusCode(204).body(emptyOrNullString());
        given().get("/api/todos/" + id).then().statusCode(404);
    }

    @Test
    void listsInIdOrderWithPagingAndFilter() {
        // Other tests add todos too; work with the ids this test made.
        long a = createTodo("page-a");
        long b = createTodo("page-b");
        given().contentType(ContentType.JSON).body("{\"completed\": true}").patch("/api/todos/" + b).then().statusCode(200);
        long total = given().get("/api/todos?limit=100").then().statusCode(200)
                .body("limit", equalTo(100)).body("offset", equalTo(0))
                .extract().jsonPath().getLong("total");
        List<Long> ids = given().get("/api/todos?limit=100").then().extract().jsonPath().getList("items.id", Long.class);
        assertEquals(ids.stream().sorted().toList(), ids, "stable order by id");
        List<Long> done = given().get("/api/todos?completed=true&limit=100").then().statusCode(200)
                .extract().jsonPath().getList("items.id", Long.class);
        assert done.contains(b) && !done.contains(a);
        given().get("/api/todos?limit=1&offset=0").then().statusCode(200)
                .body("items", hasSize(1)).body("total", equalTo((int) total));
        given().get("/api/todos?offset=" + (total + 5)).then().statusCode(200).body("items", empty());
        given().get("/api/todos").then().body("limit", equalTo(20));
    }

    @Test
    void rejectsPagingOutOfBounds() {
        given().get("/api/todos?limit=0").then().statusCode(400).contentType(PROBLEM).body("errors[0].parameter", equalTo("limit"));
        given().get("/api/todos?limit=101").then().statusCode(400);
        given().get("/api/todos?limit=ten").then().statusCode(400);
        given().get("/api/todos?offset=-1").then().statusCode(400).body("errors[0].parameter", equalTo("offset"));
        given().get("/api/todos?completed=maybe").then().statusCode(400);
    }

    @Test
    void answers405WithAllow() {
        given().delete("/api/todos").then().statusCode(405).contentType(PROBLEM)
                .header("Allow", containsString("GET")).header("Allow", containsString("POST"));
        given().post("/health").then().statusCode(405).header("Allow", containsString("GET"));
    }

    @Test
    void answersHeadWithoutABody() {
        long id = createTodo("head");
        given().head("/api/todos/" + id).then().statusCode(200).contentType(ContentType.JSON)
                .header("Content-Length", notNullValue()).body(emptyOrNullString());
    }

    @Test
    void answersOptionsWithAllow() {
        given().options("/api/todos/1").then().statusCode(204)
                .header("Allow", containsString("PATCH")).header("Allow", containsString("DELETE"));
    }

    @Test
    void answersACorsPreflight() {
        given().header("Origin", "https://ui.example")
                .header("Access-Control-Request-Method", "PUT")
                .header("Access-Control-Request-Headers", "content-type")
                .options("/api/todos/1")
                .then().statusCode(204)
                .header("Access-Control-Allow-Origin", equalTo("*"))
                .header("Access-Control-Allow-Methods", containsString("PUT"))
                .header("Access-Control-Allow-Headers", containsString("Content-Type"))
                .header("Access-Control-Max-Age", equalTo("600"));
        given().header("Origin", "https://ui.example").get("/api/todos")
                .then().statusCode(200).header("Access-Control-Allow-Origin", equalTo("*"));
    }

    @Test
    void echoesARequestIdOrMakesOne() {
        given().header("X-Request-Id", "abc-123").get("/api/todos").then().header("X-Request-Id", equalTo("abc-123"));
        given().get("/api/todos").then().header("X-Request-Id", notNullValue());
    }

    @Test
    void reportsHealth() {
        given().get("/health").then().statusCode(200).contentType(ContentType.JSON).body("status", equalTo("UP"));
    }

    @Test
    void servesTheBenchmarkRoutes() {
        given().get("/plaintext").then().statusCode(200).contentType(containsString("text/plain"))
                .body(equalTo("Hello, World!"));
        given().get("/json").then().statusCode(200).contentType(ContentType.JSON)
                .body(equalTo("{\"message\":\"Hello, World!\"}"));
        given().get("/plaintext").then().header("X-Request-Id", nullValue());
    }

    @Test
    void echoesAOneMebibyteBody() {
        byte[] body = new byte[1 << 20];
        new Random(42).nextBytes(body);
        byte[] echoed = given().contentType("application/x-test").body(body).post("/echo")
                .then().statusCode(200).contentType("application/x-test")
                .extract().asByteArray();
        assertArrayEquals(body, echoed);
    }

    @Test
    void compressesALargeListButNotTheBenchmarkRoutes() throws Exception {
        for (int i = 0; i < 8; i++) {
            createTodo(i + " a todo with a title long enough that a page of eight is well over one kibibyte: " + "x".repeat(100));
        }
        HttpClient client = HttpClient.newHttpClient();
        HttpResponse<byte[]> plain = client.send(HttpRequest.newBuilder(URI.create(server.baseUri() + "/api/todos?limit=100")).build(),
                HttpResponse.BodyHandlers.ofByteArray());
        assertEquals(200, plain.statusCode());
        assertTrue(plain.headers().firstValue("Content-Encoding").isEmpty());
        HttpResponse<byte[]> gzipped = client.send(HttpRequest.newBuilder(URI.create(server.baseUri() + "/api/todos?limit=100"))
                .header("Accept-Encoding", "gzip").build(), HttpResponse.BodyHandlers.ofByteArray());
        assertEquals(200, gzipped.statusCode());
        assertEquals("gzip", gzipped.headers().firstValue("Content-Encoding").orElse(null));
        assertEquals("Accept-Encoding", gzipped.headers().firstValue("Vary").orElse(null));
        byte[] inflated = new GZIPInputStream(new ByteArrayInputStream(gzipped.body())).readAllBytes();
        assertArrayEquals(plain.body(), inflated);
        assertTrue(gzipped.body().length < plain.body().length / 2, gzipped.body().length + " of " + plain.body().length);

        // The benchmark routes are never touched: no Content-Encoding, not even a Vary.
        for (HttpRequest.Builder benchmark : List.of(
                HttpRequest.newBuilder(URI.create(server.baseUri() + "/json")),
                HttpRequest.newBuilder(URI.create(server.baseUri() + "/plaintext")),
                HttpRequest.newBuilder(URI.create(server.baseUri() + "/echo"))
                        .header("Content-Type", "text/plain").POST(HttpRequest.BodyPublishers.ofString("echo ".repeat(1000))))) {
            HttpResponse<byte[]> r = client.send(benchmark.header("Accept-Encoding", "gzip").build(), HttpResponse.BodyHandlers.ofByteArray());
            assertEquals(200, r.statusCode());
            assertTrue(r.headers().firstValue("Content-Encoding").isEmpty(), r.uri().toString());
            assertTrue(r.headers().firstValue("Vary").isEmpty(), r.uri().toString());
        }
    }

    @Test
    void keepsEveryOneOf50ConcurrentPosts() throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(50);
        try {
            List<Callable<Long>> posts = java.util.stream.IntStream.range(0, 50)
                    .mapToObj(i -> (Callable<Long>) () -> createTodo("concurrent-" + i)).toList();
            Set<Long> ids = new HashSet<>();
            for (Future<Long> f : pool.invokeAll(posts, 30, TimeUnit.SECONDS)) {
                ids.add(f.get());
            }
            assertEquals(50, ids.size(), "50 distinct ids");
            for (long id : ids) {
                given().get("/api/todos/" + id).then().statusCode(200).body("title", matchesPattern("concurrent-\\d+"));
            }
        } finally {
            pool.shutdownNow();
        }
    }
}
