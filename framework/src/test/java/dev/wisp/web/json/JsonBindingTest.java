package dev.wisp.web.json;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.wisp.web.App;
import dev.wisp.web.Result;
import dev.wisp.web.problem.FieldError;
import dev.wisp.web.problem.ValidationException;
import dev.wisp.web.testing.TestRequest;
import dev.wisp.web.testing.TestResponse;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import tools.jackson.core.type.TypeReference;
import tools.jackson.databind.DeserializationFeature;

@Timeout(value = 10, unit = TimeUnit.SECONDS)
class JsonBindingTest {

    public record NewTodo(String title, int priority) {
        public NewTodo {
            if (title != null && title.isBlank()) {
                throw new IllegalArgumentException("title must not be blank");
            }
        }
    }

    public enum Color { RED, GREEN }

    public record Paint(Color color) {
    }

    private final App app = App.create()
            .post("/todos", req -> {
                NewTodo t = req.json(NewTodo.class);
                return Result.created("/todos/1", t);
            })
            .post("/many", req -> req.json(new TypeReference<List<NewTodo>>() {}).size())
            .post("/paint", req -> req.json(Paint.class))
            .post("/validated", req -> {
                NewTodo t = req.json(NewTodo.class);
                if (t.priority() < 0) {
                    throw new ValidationException(FieldError.pointer("/priority", "must be zero or more"));
                }
                return t;
            });

    @Test
    void bindsARecordAndWritesItBack() throws Exception {
        TestRequest.post("/todos").json("{\"title\":\"milk\",\"priority\":2}").send(app)
                .assertStatus(201).assertHeader("Location", "/todos/1")
                .assertJson("/title", "milk").assertJson("/priority", 2);
    }

    @Test
    void bindsAGenericType() throws Exception {
        TestRequest.post("/many").json("[{\"title\":\"a\",\"priority\":1},{\"title\":\"b\",\"priority\":2}]").send(app)
                .assertStatus(200).assertBody("2");
    }

    @Test
    void acceptsPlusJsonTypesAndUtf8Charset() throws Exception {
        TestRequest.post("/todos").header("Content-Type", "application/merge-patch+json").body("{\"title\":\"x\",\"priority\":1}")
                .send(app).assertStatus(201);
        TestRequest.post("/todos").header("Content-Type", "application/json; charset=UTF-8").body("{\"title\":\"x\",\"priority\":1}")
                .send(app).assertStatus(201);
    }

    @Test
    void rejectsOtherContentTypesWith415() throws Exception {
        TestRequest.post("/todos").header("Content-Type", "text/plain").body("{}").send(app)
                .assertStatus(415).assertContentType("application/problem+json");
        TestRequest.post("/todos").body("{}").send(app).assertStatus(415);
        TestRequest.post("/todos").header("Content-Type", "application/json; charset=iso-8859-1").body("{}").send(app)
                .assertStatus(415);
        TestRequest.post("/todos").header("Content-Type", "application/jsonx").body("{}").send(app).assertStatus(415);
        TestRequest.post("/todos").header("Content-Type", "application/+json").body("{}").send(app).assertStatus(415);
    }

    @Test
    void malformedJsonIsA400WithLineAndColumn() throws Exception {
        TestResponse res = TestRequest.post("/todos").json("{\n  \"title\": \"milk\",\n  \"priority\": }").send(app)
                .assertStatus(400).assertContentType("application/problem+json")
                .assertJson("/line", 3).assertJson("/column", 15);
        String detail = res.json().get("detail").stringValue();
        assertTrue(detail.startsWith("The request body is not valid JSON (line 3, column 15)"), detail);
    }

    @Test
    void wrongTypeIsA400WithAPointerToTheField() throws Exception {
        TestResponse res = TestRequest.post("/todos").json("{\"title\":\"milk\",\"priority\":\"high\"}").send(app)
                .assertStatus(400)
                .assertJson("/errors/0/pointer", "#/priority")
                .assertJson("/errors/0/detail", "must be an integer");
        assertTrue(res.json().has("line"));
        assertTrue(!res.text().contains("NewTodo"), "no Java class names leak: " + res.text());
    }

    @Test
    void wrongTypeInsideAnArrayPointsAtTheElement() throws Exception {
        TestRequest.post("/many").json("[{\"title\":\"a\",\"priority\":1},{\"title\":\"b\",\"priority\":[]}]").send(app)
                .assertStatus(400).assertJson("/errors/0/pointer", "#/1/priority");
    }

    @Test
    void unknownPropertiesAreRejectedByDefault() throws Exception {
        TestRequest.post("/todos").json("{\"titel\":\"milk\",\"priority\":1}").send(app)
                .assertStatus(400)
                .assertJson("/errors/0/pointer", "#/titel")
                .assertJson("/errors/0/detail", "is not a known property");
    }

    @Test
    void unknownPropertiesCanBeIgnoredWithAConfiguredMapper() throws Exception {
        Json lenient = Json.using(Json.defaultBuilder().disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES).build());
        App lenientApp = App.create(lenient).post("/todos", req -> req.json(NewTodo.class));
        TestRequest.post("/todos").json("{\"titel\":\"x\",\"title\":\"milk\",\"priority\":1}").send(lenientApp)
                .assertStatus(200).assertJson("/title", "milk");
    }

    @Test
    void enumMismatchListsTheChoices() throws Exception {
        TestRequest.post("/paint").json("{\"color\":\"BLUE\"}").send(app)
                .assertStatus(400).assertJson("/errors/0/detail", "must be one of [RED, GREEN]");
    }

    @Test
    void constructorValidationBecomesA400WithItsMessage() throws Exception {
        TestRequest.post("/todos").json("{\"title\":\"  \",\"priority\":1}").send(app)
                .assertStatus(400).assertJson("/errors/0/detail", "title must not be blank");
    }

    @Test
    void emptyOrTrailingGarbageBodiesAre400() throws Exception {
        TestRequest.post("/todos").header("Content-Type", "application/json").send(app).assertStatus(400);
        TestRequest.post("/todos").json("{\"title\":\"a\",\"priority\":1} {}").send(app).assertStatus(400);
        TestRequest.post("/todos").json("[1,2]").send(app).assertStatus(400).assertJson("/errors/0/pointer", "#");
    }

    @Test
    void applicationValidationIsA422WithFieldErrors() throws Exception {
        TestRequest.post("/validated").json("{\"title\":\"a\",\"priority\":-1}").send(app)
                .assertStatus(422).assertJson("/title", "Unprocessable Content")
                .assertJson("/errors/0/pointer", "#/priority").assertJson("/errors/0/detail", "must be zero or more");
    }

    @Test
    void writesMapsAndListsAsJson() {
        Json json = Json.create();
        assertEquals("{\"a\":[1,2]}", new String(json.write(Map.of("a", List.of(1, 2)))));
        assertEquals("null", new String(json.write(null)));
    }
}
