package dev.wisp.web.fuzz;

import static org.junit.jupiter.api.Assertions.assertTrue;

import com.code_intelligence.jazzer.junit.FuzzTest;
import dev.wisp.server.Attributes;
import dev.wisp.server.ConnectionInfo;
import dev.wisp.server.Headers;
import dev.wisp.server.HttpProtocolException;
import dev.wisp.server.Request;
import dev.wisp.server.Response;
import dev.wisp.server.http1.RequestTarget;
import dev.wisp.web.App;
import java.io.ByteArrayInputStream;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Timeout;

/**
 * Fuzzes the router's path matching and the request helpers behind it, end to end through an
 * {@link App}: any method and target the server would accept must get a response below 500 (a
 * route's answer, 204/400/404/405/308), never an exception and never a 500. The target goes
 * through the server's own split and decoding first ({@link RequestTarget}), so every input is one
 * a client could have sent. Seeds are in
 * {@code src/test/resources/dev/wisp/web/fuzz/AppRoutingFuzzTestInputs/}.
 */
@Timeout(value = 10, unit = TimeUnit.SECONDS)
class AppRoutingFuzzTest {
    private static final String[] METHODS = {"GET", "HEAD", "POST", "PUT", "DELETE", "OPTIONS", "PATCH", "BREW"};
    /** Characters the request-line parser lets through in a target. */
    private static final String TARGET_CHARS =
            "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789-._~:/?[]@!$&'()*+,;=%";
    private static final InetSocketAddress LOCAL = new InetSocketAddress("127.0.0.1", 8080);

    private static final App APP = App.create()
            .get("/", req -> "root")
            .get("/todos", req -> "list " + req.queryInt("limit", 20) + " " + req.query().names())
            .post("/todos", req -> "created")
            .get("/todos/{id}", req -> "todo " + req.pathLong("id"))
            .put("/todos/{id}", req -> "put " + req.pathInt("id"))
            .delete("/todos/{id}", req -> null)
            .get("/todos/{id}/tags/{tag}", req -> req.path("tag"))
            .get("/users/{uuid}", req -> req.pathUuid("uuid").toString())
            .get("/users/me", req -> "me")
            .get("/files/{rest...}", req -> "file " + req.path("rest"))
            .get("/flags", req -> req.queryBoolean("on", false) + " " + req.queryAll("tag"))
            .group("/admin", admin -> admin
                    .before(req -> {
                        if (req.header("X-Token") == null) {
                            throw new dev.wisp.web.problem.ForbiddenException("token required");
                        }
                    })
                    .get("/stats", req -> "stats"))
            .mount("/sub", App.create().get("/x/{p}", req -> req.basePath() + " " + req.path("p")))
            .redirectTrailingSlash(true)
            .freeze();

    @FuzzTest(maxDuration = "15s")
    void answersEveryAcceptedTargetBelow500(byte[] data) throws Exception {
        if (data.length == 0) {
            return;
        }
        String method = METHODS[(data[0] & 0xff) % METHODS.length];
        StringBuilder target = new StringBuilder("/");
        for (int i = 1; i < data.length; i++) {
            target.append(TARGET_CHARS.charAt((data[i] & 0xff) % TARGET_CHARS.length()));
        }
        RequestTarget parsed;
        try {
            parsed = RequestTarget.parse(method, target.toString());
        } catch (HttpProtocolException e) {
            return; // the server answers 400 before any application sees it
        }
        Request request = new Request(method, target.toString(), parsed.rawPath(), parsed.path(), parsed.query(),
                "HTTP/1.1", Headers.of("Host", "localhost"), ConnectionInfo.plain(LOCAL, LOCAL), new ByteArrayInputStream(new byte[0]),
                Attributes.empty());
        Response response = APP.handle(request);
        assertTrue(response.status() < 500, () -> method + " " + target + " gave " + response.status() + " " + response.bodyText());
    }
}
