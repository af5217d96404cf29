package dev.wisp.sample;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.emptyOrNullString;
import static org.hamcrest.Matchers.equalTo;
import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.wisp.testing.WispServerExtension;
import io.restassured.http.ContentType;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Versions as entity tags (RFC 9110 §8.8.3, §13): {@code ETag}, 304 for a current
 * {@code If-None-Match}, 412 for a stale {@code If-Match}, and no lost write under concurrency.
 */
@Timeout(value = 60, unit = TimeUnit.SECONDS)
class TodoVersionsApiTest {
    @RegisterExtension
    static final WispServerExtension server = WispServerExtension.serve(() -> TodoApp.create(new InMemoryTodoStore()));

    static final String PROBLEM = "application/problem+json";

    /** A todo at version {@code version}: created, then patched. */
    static long todoAt(int version) {
        long id = TodoApiTest.createTodo("versioned");
        for (int v = 2; v <= version; v++) {
            given().contentType(ContentType.JSON).body("{\"title\": \"v" + v + "\"}").patch("/api/todos/" + id)
                    .then().statusCode(200).header("ETag", "\"" + v + "\"");
        }
        return id;
    }

    @Test
    void answersAMatchingIfNoneMatchWith304() {
        long id = todoAt(1);
        given().get("/api/todos/" + id).then().statusCode(200).header("ETag", "\"1\"");
        for (String tag : new String[] {"\"1\"", "W/\"1\"", "\"0\", \"1\"", "*", "\"1-gzip\""}) {
            given().header("If-None-Match", tag).get("/api/todos/" + id).then()
                    .statusCode(304).header("ETag", containsString("1")).body(emptyOrNullString());
        }
        given().header("If-None-Match", "\"0\"").get("/api/todos/" + id).then().statusCode(200).body("version", equalTo(1));
        given().header("If-Match", "\"0\"").get("/api/todos/" + id).then().statusCode(412).contentType(PROBLEM);
    }

    @Test
    void refusesWritesWithAStaleIfMatchWith412AndChangesNothing() {
        long id = todoAt(2);
        String path = "/api/todos/" + id;
        given().header("If-Match", "\"1\"").contentType(ContentType.JSON).body("{\"title\": \"lost\"}").put(path)
                .then().statusCode(412).contentType(PROBLEM)
                .body("status", equalTo(412)).body("title", equalTo("Precondition Failed"))
                .body("detail", containsString("If-Match")).body("instance", equalTo(path));
        given().header("If-Match", "\"1\"").contentType(ContentType.JSON).body("{\"completed\": true}").patch(path)
                .then().statusCode(412).contentType(PROBLEM);
        given().header("If-Match", "\"1\"").delete(path).then().statusCode(412).contentType(PROBLEM);
        // Strong comparison (§13.1.1): a weak tag never matches, nor does a malformed one.
        given().header("If-Match", "W/\"2\"").delete(path).then().statusCode(412);
        given().header("If-Match", "2").delete(path).then().statusCode(412);
        // "Only if it doesn't exist": it does.
        given().header("If-None-Match", "*").contentType(ContentType.JSON).body("{\"title\": \"new\"}").put(path)
                .then().statusCode(412);
        given().get(path).then().statusCode(200).header("ETag", "\"2\"").body("title", equalTo("v2")).body("completed", equalTo(false));
    }

    @Test
    void performsWritesWithTheCurrentIfMatch() {
        long id = todoAt(2);
        String path = "/api/todos/" + id;
        given().header("If-Match", "\"2\"").contentType(ContentType.JSON).body("{\"title\": \"put\", \"completed\": true}").put(path)
                .then().statusCode(200).header("ETag", "\"3\"").body("title", equalTo("put"));
        given().header("If-Match", "\"1\", \"3\"").contentType(ContentType.JSON).body("{\"completed\": false}").patch(path)
                .then().statusCode(200).header("ETag", "\"4\"").body("title", equalTo("put")).body("completed", equalTo(false));
        given().header("If-Match", "\"4-gzip\"").contentType(ContentType.JSON).body("{\"title\": \"gz\"}").patch(path)
                .then().statusCode(200).header("ETag", "\"5\"");
        given().header("If-Match", "*").contentType(ContentType.JSON).body("{\"title\": \"any\"}").patch(path)
                .then().statusCode(200).header("ETag", "\"6\"");
        given().header("If-None-Match", "\"1\"").contentType(ContentType.JSON).body("{\"title\": \"not 1\"}").patch(path)
                .then().statusCode(200).header("ETag", "\"7\"");
        given().header("If-Match", "\"7\"").delete(path).then().statusCode(204);
        given().get(path).then().statusCode(404);
    }

    @Test
    void letsBrowsersSendPreconditionsAndReadTheTag() {
        given().header("Origin", "https://ui.example")
                .header("Access-Control-Request-Method", "PATCH")
                .header("Access-Control-Request-Headers", "content-type, if-match")
                .options("/api/todos/1")
                .then().statusCode(204).header("Access-Control-Allow-Headers", containsString("If-Match"));
        long id = todoAt(1);
        given().header("Origin", "https://ui.example").get("/api/todos/" + id)
                .then().statusCode(200).header("Access-Control-Expose-Headers", containsString("ETag"));
    }

    @Test
    void answers404BeforeAnyPrecondition() {
        // RFC 9110 §13.2.1: a 404 takes precedence over evaluating preconditions.
        given().header("If-Match", "\"1\"").contentType(ContentType.JSON).body("{\"title\": \"x\"}").put("/api/todos/999999")
                .then().statusCode(404);
        given().header("If-Match", "\"1\"").delete("/api/todos/999999").then().statusCode(404);
        given().header("If-None-Match", "\"1\"").get("/api/todos/999999").then().statusCode(404);
    }

    @Test
    void validatesTheBodyBeforeThePreconditions() {
        long id = todoAt(1);
        given().header("If-Match", "\"9\"").contentType(ContentType.JSON).body("{\"title\": \"\"}").put("/api/todos/" + id)
                .then().statusCode(422);
    }

    @Test
    void letsExactlyOneOfTwoRacingConditionalPutsWin() throws Exception {
        try (ExecutorService pool = Executors.newFixedThreadPool(2)) {
            for (int round = 0; round < 10; round++) {
                long id = todoAt(1);
                CountDownLatch start = new CountDownLatch(1);
                List<Future<Integer>> puts = new ArrayList<>();
                for (String title : new String[] {"left", "right"}) {
                    puts.add(pool.submit(() -> {
                        start.await();
                        return given().header("If-Match", "\"1\"").contentType(ContentType.JSON)
                                .body("{\"title\": \"" + title + "\"}").put("/api/todos/" + id).then().extract().statusCode();
                    }));
                }
                start.countDown();
                int left = puts.get(0).get(30, TimeUnit.SECONDS);
                int right = puts.get(1).get(30, TimeUnit.SECONDS);
                assertEquals(List.of(200, 412), left == 200 ? List.of(left, right) : List.of(right, left), "round " + round);
                given().get("/api/todos/" + id).then().statusCode(200).header("ETag", "\"2\"")
                        .body("title", equalTo(left == 200 ? "left" : "right"));
            }
        }
    }

    @Test
    void losesNoneOfManyConcurrentUnconditionalWrites() throws Exception {
        long id = todoAt(1);
        int writers = 20;
        try (ExecutorService pool = Executors.newFixedThreadPool(writers)) {
            CountDownLatch start = new CountDownLatch(1);
            List<Future<Integer>> patches = new ArrayList<>();
            for (int i = 0; i < writers; i++) {
                boolean completed = i % 2 == 0;
                patches.add(pool.submit(() -> {
                    start.await();
                    return given().contentType(ContentType.JSON).body("{\"completed\": " + completed + "}")
                            .patch("/api/todos/" + id).then().extract().statusCode();
                }));
            }
            start.countDown();
            for (Future<Integer> f : patches) {
                assertEquals(200, f.get(30, TimeUnit.SECONDS));
            }
        }
        // Each write made its own version: none overwrote another unseen.
        given().get("/api/todos/" + id).then().statusCode(200).header("ETag", "\"" + (writers + 1) + "\"");
    }
}
