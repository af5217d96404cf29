package dev.wisp.testing;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.wisp.server.Response;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.RegisterExtension;

@Timeout(value = 20, unit = TimeUnit.SECONDS)
class WispServerExtensionTest {
    @RegisterExtension
    static final WispServerExtension server = WispServerExtension.serve(
            () -> request -> Response.text("you asked for " + request.path()));

    @Test
    void pointsRestAssuredAtTheRunningServer() {
        given().get("/ping").then().statusCode(200).body(equalTo("you asked for /ping"));
    }

    @Test
    void exposesAFreeLoopbackPort() {
        assertTrue(server.port() > 0);
        assertTrue(server.baseUri().startsWith("http://127.0.0.1:"));
    }
}
