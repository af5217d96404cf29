package dev.wisp.validation;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import com.fasterxml.jackson.annotation.JsonProperty;
import dev.wisp.web.App;
import dev.wisp.web.json.Json;
import dev.wisp.web.testing.TestRequest;
import dev.wisp.web.testing.TestResponse;
import jakarta.validation.Valid;
import jakarta.validation.constraints.Email;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Positive;
import jakarta.validation.constraints.Size;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.PropertyNamingStrategies;
import tools.jackson.databind.json.JsonMapper;

/** Bean Validation on bound records: 422 problems with one JSON Pointer per violation. */
@Timeout(value = 30, unit = TimeUnit.SECONDS)
class ValidatedTest {
    record Tag(@NotBlank String name) {
    }

    record NewTodo(
            @NotBlank @Size(max = 20) String title,
            @Min(0) @Max(5) int priority,
            @Valid List<Tag> tags,
            List<@Email String> watchers,
            @JsonProperty("due_date") @Size(min = 10, max = 10) String dueDate,
            Map<String, @Positive Integer> estimates,
            @Valid @NotNull(message = "{jakarta.validation.constraints.NotNull.message}") Tag owner) {
    }

    record Snake(@NotBlank String dueDate, @Valid Tag mainTag) {
    }

    private static final App APP = App.create()
            .post("/todos", req -> Validated.json(req, NewTodo.class));

    private static final String VALID = """
            {"title": "milk", "priority": 1, "tags": [{"name": "home"}], "watchers": ["a@example.com"],
             "due_date": "2026-12-01", "estimates": {"a": 1}, "owner": {"name": "ann"}}""";

    private static TestResponse post(App app, String json) throws Exception {
        return TestRequest.post("/todos").json(json).send(app);
    }

    /** The errors as "pointer: detail" lines, in the document's order. */
    private static List<String> errors(TestResponse r) {
        r.assertStatus(422).assertContentType("application/problem+json");
        JsonNode doc = r.json();
        assertEquals(422, doc.get("status").asInt());
        return doc.get("errors").valueStream().map(e -> e.get("pointer").asString() + ": " + e.get("detail").asString()).toList();
    }

    @Test
    void aValidBodyIsReturnedBound() throws Exception {
        post(APP, VALID).assertStatus(200).assertJson("/title", "milk").assertJson("/due_date", "2026-12-01");
    }

    @Test
    void eachViolationIsOneErrorWithAPointer() throws Exception {
        List<String> errors = errors(post(APP, """
                {"title": " ", "priority": 9, "tags": [{"name": "ok"}, {"name": ""}], "watchers": ["ok@example.com", "not-mail"],
                 "due_date": "soon", "estimates": {"a/b~c": -1}, "owner": {"name": ""}}"""));
        assertEquals(List.of(
                "#/due_date: size must be between 10 and 10",
                "#/estimates/a~1b~0c: must be greater than 0",
                "#/owner/name: must not be blank",
                "#/priority: must be less than or equal to 5",
                "#/tags/1/name: must not be blank",
                "#/title: must not be blank",
                "#/watchers/1: must be a well-formed email address"), errors);
    }

    @Test
    void missingComponentsAreNullViolations() throws Exception {
        assertEquals(List.of("#/owner: must not be null", "#/title: must not be blank"), errors(post(APP, "{\"priority\": 0}")));
    }

    @Test
    void severalRulesOnOneFieldAreSeveralEntries() throws Exception {
        String json = VALID.replace("\"milk\"", "\"" + " ".repeat(21) + "\"");
        assertEquals(List.of("#/title: must not be blank", "#/title: size must be between 0 and 20"), errors(post(APP, json)));
    }

    @Test
    void messagesNameNoJavaTypes() throws Exception {
        TestResponse r = post(APP, "{\"title\": \"\", \"priority\": -1, \"tags\": [{}], \"owner\": {}}");
        for (String error : errors(r)) {
            String detail = error.substring(error.indexOf(": ") + 2);
            assertFalse(detail.contains(".") || detail.contains("{") || detail.contains("$"), error);
        }
        for (String leak : new String[] {"dev.wisp", "java.", "NewTodo", "jakarta", "Exception"}) {
            assertFalse(r.text().contains(leak), leak + " in " + r.text());
        }
    }

    @Test
    void bindingErrorsStay400And415() throws Exception {
        post(APP, "{\"title\": ").assertStatus(400).assertContentType("application/problem+json");
        post(APP, "{\"priority\": \"high\"}").assertStatus(400);
        TestRequest.post("/todos").body("title=x").header("Content-Type", "application/x-www-form-urlencoded")
                .send(APP).assertStatus(415);
    }

    @Test
    void pointersUseTheMappersNamingStrategy() throws Exception {
        Json snake = Json.using(JsonMapper.builder().propertyNamingStrategy(PropertyNamingStrategies.SNAKE_CASE).build());
        App app = App.create(snake).post("/todos", req -> Validated.json(req, Snake.class));
        assertEquals(List.of("#/due_date: must not be blank", "#/main_tag/name: must not be blank"),
                errors(post(app, "{\"due_date\": \"\", \"main_tag\": {\"name\": \" \"}}")));
        // Back to the default mapper: the shared validator follows the request's mapper.
        assertEquals(List.of("#/title: must not be blank"), errors(post(APP, VALID.replace("\"milk\"", "\"\""))));
    }

    @Test
    void validateChecksAnAlreadyBoundValue() {
        Validated v = Validated.using(Json.create());
        Tag ok = new Tag("x");
        assertEquals(ok, v.validate(ok));
        dev.wisp.web.problem.ValidationException e = org.junit.jupiter.api.Assertions.assertThrows(
                dev.wisp.web.problem.ValidationException.class, () -> v.validate(new Tag(null)));
        assertEquals(422, e.status());
    }
}
