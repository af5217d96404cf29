package dev.wisp.sample;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.emptyOrNullString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasSize;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.wisp.testing.WispServerExtension;
import io.restassured.http.ContentType;
import io.restassured.response.ExtractableResponse;
import io.restassured.response.Response;
import java.io.IOException;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.Random;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.RegisterExtension;

/** {@code /api/todos/{id}/attachments} over a socket, with the default limits (10 MiB a file). */
@Timeout(value = 60, unit = TimeUnit.SECONDS)
class AttachmentApiTest {
    static final ApiSettings SETTINGS = ApiSettings.defaults();

    @RegisterExtension
    static final WispServerExtension server = WispServerExtension
            .serve(() -> TodoApp.create(new InMemoryTodoStore(), SETTINGS))
            .withConfig(SETTINGS::applyTo);

    static final String PROBLEM = "application/problem+json";

    private static ExtractableResponse<Response> upload(long todoId, byte[] body) {
        return given().contentType(MultipartBody.CONTENT_TYPE).body(body)
                .post("/api/todos/" + todoId + "/attachments").then().extract();
    }

    private static byte[] random(int size, long seed) {
        byte[] bytes = new byte[size];
        new Random(seed).nextBytes(bytes);
        return bytes;
    }

    @Test
    void uploadsListsDownloadsAndDeletesAFile() {
        long todo = TodoApiTest.createTodo("with a file");
        byte[] notes = "milk, eggs, bread\n".getBytes(StandardCharsets.UTF_8);
        String location = given().contentType(MultipartBody.CONTENT_TYPE)
                .body(new MultipartBody().field("comment", "ignored").file("file", "notes.txt", "text/plain", notes).bytes())
                .post("/api/todos/" + todo + "/attachments")
                .then().statusCode(201).contentType(ContentType.JSON)
                .body("filename", equalTo("notes.txt")).body("contentType", equalTo("text/plain"))
                .body("size", equalTo(notes.length))
                .extract().header("Location");
        long id = Long.parseLong(location.substring(location.lastIndexOf('/') + 1));
        assertEquals("/api/todos/" + todo + "/attachments/" + id, location);

        given().get("/api/todos/" + todo + "/attachments").then().statusCode(200)
                .body("", hasSize(1)).body("[0].id", equalTo((int) id)).body("[0].filename", equalTo("notes.txt"));
        byte[] downloaded = given().get(location).then().statusCode(200)
                .contentType("text/plain")
                .header("Content-Disposition", "attachment; filename=\"notes.txt\"")
                .header("X-Content-Type-Options", "nosniff")
                .extract().asByteArray();
        assertArrayEquals(notes, downloaded);

        given().delete(location).then().statusCode(204).body(emptyOrNullString());
        given().get(location).then().statusCode(404).contentType(PROBLEM);
        given().delete(location).then().statusCode(404);
        given().get("/api/todos/" + todo + "/attachments").then().statusCode(200).body("", hasSize(0));
    }

    @Test
    void keepsAFiveMebibyteFileByteForByte() {
        long todo = TodoApiTest.createTodo("big file");
        byte[] content = random(5 << 20, 5);
        String location = upload(todo, new MultipartBody().file("file", "photo.raw", "application/octet-stream", content).bytes())
                .response().then().statusCode(201).body("size", equalTo(5 << 20)).extract().header("Location");
        byte[] downloaded = given().get(location).then().statusCode(200)
                .contentType("application/octet-stream").header("Content-Length", String.valueOf(5 << 20))
                .extract().asByteArray();
        assertArrayEquals(content, downloaded);
    }

    @Test
    void acceptsAFileOfExactlyTheLimitAndRefusesOneByteMore() {
        long todo = TodoApiTest.createTodo("limits");
        int limit = (int) SETTINGS.maxUploadBytes();
        byte[] exact = random(limit, 10);
        String location = upload(todo, new MultipartBody().file("file", "exact.bin", "application/octet-stream", exact).bytes())
                .response().then().statusCode(201).body("size", equalTo(limit)).extract().header("Location");
        assertArrayEquals(exact, given().get(location).then().statusCode(200).extract().asByteArray());

        byte[] over = random(limit + 1, 11);
        upload(todo, new MultipartBody().file("file", "over.bin", "application/octet-stream", over).bytes())
                .response().then().statusCode(413).contentType(PROBLEM)
                .body("status", equalTo(413)).body("maxFileBytes", equalTo(limit));
        given().get("/api/todos/" + todo + "/attachments").then().body("", hasSize(1));
    }

    @Test
    void refusesAnOversizedFieldWith413() {
        long todo = TodoApiTest.createTodo("fields");
        byte[] body = new MultipartBody().field("comment", "x".repeat(ApiSettings.MAX_FIELD_BYTES + 1))
                .file("file", "a.txt", "text/plain", new byte[1]).bytes();
        upload(todo, body).response().then().statusCode(413).contentType(PROBLEM)
                .body("maxFieldBytes", equalTo(ApiSettings.MAX_FIELD_BYTES));
    }

    @Test
    void refusesABodyOverTheRouteLimitFromItsContentLength() throws IOException {
        long todo = TodoApiTest.createTodo("huge");
        // Over the route's limit (file limit + framing), the body is refused before a byte of it
        // is read, so the client may send only the head (a raw socket: an HTTP client would be
        // cut off while still sending the megabytes).
        try (Socket socket = new Socket("127.0.0.1", server.port())) {
            socket.setSoTimeout(10_000);
            socket.getOutputStream().write(("POST /api/todos/" + todo + "/attachments HTTP/1.1\r\nHost: test\r\n"
                    + "Content-Type: " + MultipartBody.CONTENT_TYPE + "\r\n"
                    + "Content-Length: " + (SETTINGS.uploadBodyBytes() + 1) + "\r\n\r\n").getBytes(StandardCharsets.US_ASCII));
            String response = new String(socket.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            assertTrue(response.startsWith("HTTP/1.1 413 "), response);
            assertTrue(response.contains("Connection: close"), response);
            assertTrue(response.contains("\"maxBodyBytes\":" + SETTINGS.uploadBodyBytes()), response);
        }
    }

    @Test
    void sendsANonAsciiNameAsFilenameStarWithAnAsciiFallback() {
        long todo = TodoApiTest.createTodo("names");
        // RFC 7578 §4.2: a browser sends the name as UTF-8 in the quoted filename.
        String location = upload(todo, new MultipartBody().file("file", "Prüfung €%41.txt", "text/plain", new byte[] {'x'}).bytes())
                .response().then().statusCode(201).body("filename", equalTo("Prüfung €%41.txt"))
                .extract().header("Location");
        given().get(location).then().statusCode(200).header("Content-Disposition",
                "attachment; filename=\"Pr_fung __41.txt\"; filename*=UTF-8''Pr%C3%BCfung%20%E2%82%AC%2541.txt");
    }

    @Test
    void neverUsesTheClientsFilenameAsAPath() {
        long todo = TodoApiTest.createTodo("paths");
        upload(todo, new MultipartBody().file("file", "../../etc/passwd", "text/plain", new byte[] {'x'}).bytes())
                .response().then().statusCode(201).body("filename", equalTo("passwd"));
        upload(todo, new MultipartBody().file("file", "C:\\Users\\me\\.profile", "text/plain", new byte[] {'x'}).bytes())
                .response().then().statusCode(201).body("filename", equalTo("profile"));
    }

    @Test
    void refusesABodyThatIsNotMultipartWith415() {
        long todo = TodoApiTest.createTodo("415");
        given().contentType(ContentType.JSON).body("{\"file\": \"x\"}").post("/api/todos/" + todo + "/attachments")
                .then().statusCode(415).contentType(PROBLEM);
        given().body(new byte[] {1, 2, 3}).post("/api/todos/" + todo + "/attachments").then().statusCode(415);
    }

    @Test
    void refusesMalformedUploadsWith400() {
        long todo = TodoApiTest.createTodo("400");
        String path = "/api/todos/" + todo + "/attachments";
        byte[] good = new MultipartBody().file("file", "a.txt", "text/plain", new byte[] {'a'}).bytes();
        given().contentType("multipart/form-data").body(good).post(path)
                .then().statusCode(400).contentType(PROBLEM).body("detail", containsString("boundary"));
        byte[] truncated = new MultipartBody().file("file", "a.txt", "text/plain", new byte[] {'a'}).truncated();
        upload(todo, truncated).response().then().statusCode(400).contentType(PROBLEM);
        upload(todo, new MultipartBody().field("comment", "no file").bytes()).response()
                .then().statusCode(400).body("errors[0].parameter", equalTo("file"));
        upload(todo, new MultipartBody().field("file", "a field, not a file").bytes()).response()
                .then().statusCode(400).body("detail", containsString("must be a file"));
        upload(todo, new MultipartBody().file("file", "", "application/octet-stream", new byte[0]).bytes()).response()
                .then().statusCode(400).body("detail", containsString("no file was chosen"));
        upload(todo, new MultipartBody().file("file", "a.txt", "text/plain", new byte[] {'a'})
                .file("file", "b.txt", "text/plain", new byte[] {'b'}).bytes()).response()
                .then().statusCode(400).body("detail", containsString("one file per request"));
        upload(todo, new MultipartBody().file("file", "a.txt", "not a media type", new byte[] {'a'}).bytes()).response()
                .then().statusCode(400).body("detail", containsString("Content-Type"));
        given().get(path).then().statusCode(200).body("", hasSize(0)); // nothing of it was stored
    }

    @Test
    void answers404ForAnUnknownTodoOrAttachment() {
        byte[] body = new MultipartBody().file("file", "a.txt", "text/plain", new byte[] {'a'}).bytes();
        upload(999_999, body).response().then().statusCode(404).contentType(PROBLEM)
                .body("detail", equalTo("No todo with id 999999"));
        given().get("/api/todos/999999/attachments").then().statusCode(404).contentType(PROBLEM);
        long todo = TodoApiTest.createTodo("404");
        given().get("/api/todos/" + todo + "/attachments/999999").then().statusCode(404)
                .body("detail", equalTo("No attachment 999999 on todo " + todo));
        given().delete("/api/todos/" + todo + "/attachments/999999").then().statusCode(404);
        given().get("/api/todos/" + todo + "/attachments/x").then().statusCode(400).body("errors[0].parameter", equalTo("aid"));
        // An attachment is reached only through its own todo.
        String location = upload(todo, body).response().then().statusCode(201).extract().header("Location");
        long other = TodoApiTest.createTodo("other");
        given().get(location.replace("/todos/" + todo + "/", "/todos/" + other + "/")).then().statusCode(404);
    }

    @Test
    void deletingATodoDeletesItsAttachments() {
        long todo = TodoApiTest.createTodo("gone with its files");
        String location = upload(todo, new MultipartBody().file("file", "a.txt", "text/plain", new byte[] {'a'}).bytes())
                .response().then().statusCode(201).extract().header("Location");
        given().delete("/api/todos/" + todo).then().statusCode(204);
        given().get(location).then().statusCode(404);
        given().get("/api/todos/" + todo + "/attachments").then().statusCode(404);
    }

    @Test
    void keepsTheJsonApiAtItsOwnSmallerBodyLimit() {
        String big = "{\"title\": \"x\", \"pad\": \"" + "x".repeat((int) TodoApp.JSON_BODY_BYTES) + "\"}";
        given().contentType(ContentType.JSON).body(big).post("/api/todos")
                .then().statusCode(413).contentType(PROBLEM).body("maxBodyBytes", equalTo((int) TodoApp.JSON_BODY_BYTES));
    }
}
