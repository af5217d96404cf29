package dev.wisp.validation;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasSize;

import dev.wisp.testing.WispServerExtension;
import dev.wisp.web.App;
import dev.wisp.web.Result;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Size;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.RegisterExtension;

/** A validated endpoint as an API client sees it (REST-assured over loopback). */
@Timeout(value = 30, unit = TimeUnit.SECONDS)
class ValidationOverSocketTest {
    record Item(@NotBlank String name) {
    }

    record Order(@NotBlank @Size(max = 10) String title, @Valid List<Item> items) {
    }

    @RegisterExtension
    static final WispServerExtension server = WispServerExtension.serve(() -> App.create()
            .post("/orders", req -> Result.created("/orders/1", Validated.json(req, Order.class))));

    @Test
    void answers201ForAValidBody() {
        given().contentType("application/json").body("{\"title\": \"tea\", \"items\": [{\"name\": \"green\"}]}")
                .post("/orders")
                .then().statusCode(201).header("Location", "/orders/1").body("title", equalTo("tea"));
    }

    @Test
    void answers422WithOnePointerPerViolation() {
        given().contentType("application/json").body("{\"title\": \"far too long a title\", \"items\": [{\"name\": \"\"}]}")
                .post("/orders")
                .then().statusCode(422).contentType("application/problem+json")
                .body("status", equalTo(422))
                .body("errors", hasSize(2))
                .body("errors[0].pointer", equalTo("#/items/0/name"))
                .body("errors[0].detail", equalTo("must not be blank"))
                .body("errors[1].pointer", equalTo("#/title"))
                .body("errors[1].detail", equalTo("size must be between 0 and 10"));
    }
}
