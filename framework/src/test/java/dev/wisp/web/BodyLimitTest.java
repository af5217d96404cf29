package dev.wisp.web;

import dev.wisp.server.HttpProtocolException;
import dev.wisp.web.testing.TestRequest;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** Per-route and per-group body limits, and every body refusal as a 413 problem naming its limit. */
@Timeout(value = 10, unit = TimeUnit.SECONDS)
class BodyLimitTest {
    private final App app = App.create()
            .maxBodyBytes(10)
            .post("/small", req -> req.text())
            .post("/ignores", req -> "fine")
            .group("/uploads", g -> g.maxBodyBytes(100)
                    .post("/one", req -> req.bytes().length)
                    .group("/inner", inner -> inner.post("", req -> req.bytes().length)))
            .group("/checked", g -> g.before(req -> req.bytes()).post("", req -> "after the check"));

    @Test
    void aBodyWithinTheLimitIsRead() throws Exception {
        TestRequest.post("/small").body("0123456789").send(app).assertStatus(200).assertBody("0123456789");
    }

    @Test
    void aContentLengthOverTheLimitIsA413ProblemNamingIt() throws Exception {
        TestRequest.post("/small").body("0123456789!").send(app)
                .assertStatus(413).assertContentType("application/problem+json")
                .assertHeader("Connection", "close")
                .assertJson("/maxBodyBytes", 10)
                .assertJson("/detail", "The request body is larger than the 10 bytes this endpoint accepts")
                .assertJson("/instance", "/small");
    }

    @Test
    void aBodyOfUnknownLengthIsRefusedOnceItPassesTheLimit() throws Exception {
        TestRequest.post("/small").header("Transfer-Encoding", "chunked").body("0123456789!").send(app)
                .assertStatus(413).assertJson("/maxBodyBytes", 10);
    }

    @Test
    void groupsSetTheirOwnLimitAndNestedGroupsInheritIt() throws Exception {
        String fifty = "x".repeat(50);
        TestRequest.post("/uploads/one").body(fifty).send(app).assertStatus(200).assertBody("50");
        TestRequest.post("/uploads/inner").body(fifty).send(app).assertStatus(200).assertBody("50");
        TestRequest.post("/uploads/inner").body("x".repeat(101)).send(app).assertStatus(413).assertJson("/maxBodyBytes", 100);
    }

    @Test
    void aHandlerThatNeverReadsTheBodyIsNotRefused() throws Exception {
        TestRequest.post("/ignores").body("x".repeat(1000)).send(app).assertStatus(200).assertBody("fine");
    }

    @Test
    void middlewareThatReadsTheBodyIsHeldToTheRouteLimitToo() throws Exception {
        TestRequest.post("/checked").body("x".repeat(11)).send(app).assertStatus(413).assertJson("/maxBodyBytes", 10);
        TestRequest.post("/checked").body("x".repeat(10)).send(app).assertStatus(200).assertBody("after the check");
    }

    @Test
    void theServersRefusalUnderARouteIsAProblemNamingTheServersLimit() throws Exception {
        App app = App.create().post("/up", req -> {
            throw HttpProtocolException.bodyTooLarge(4096);
        });
        TestRequest.post("/up").send(app).assertStatus(413).assertContentType("application/problem+json")
                .assertHeader("Connection", "close").assertJson("/maxBodyBytes", 4096);
    }

    @Test
    void aNegativeLimitIsRefusedAtRegistration() {
        org.junit.jupiter.api.Assertions.assertThrows(IllegalArgumentException.class, () -> App.create().maxBodyBytes(-1));
    }
}
