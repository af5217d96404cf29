package dev.wisp.web.middleware;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.wisp.server.Response;
import dev.wisp.web.testing.TestRequest;
import dev.wisp.web.testing.TestResponse;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

@Timeout(value = 10, unit = TimeUnit.SECONDS)
class RequestIdTest {
    private final dev.wisp.server.Handler handler = RequestId.create().wrap(request -> Response.text("id=" + RequestId.of(request)));

    @Test
    void honoursAValidIncomingIdAndEchoesIt() throws Exception {
        TestRequest.get("/").header("X-Request-Id", "trace-0af7651916cd43dd").send(handler)
                .assertHeader("X-Request-Id", "trace-0af7651916cd43dd").assertBody("id=trace-0af7651916cd43dd");
    }

    @Test
    void generatesAUuidShapedIdWhenAbsent() throws Exception {
        TestResponse a = TestRequest.get("/").send(handler);
        TestResponse b = TestRequest.get("/").send(handler);
        String id = a.header("X-Request-Id");
        assertTrue(id.matches("[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}"), id);
        assertEquals("id=" + id, a.text());
        assertNotEquals(id, b.header("X-Request-Id"));
    }

    @Test
    void replacesAnInvalidIncomingId() throws Exception {
        for (String bad : new String[] {"", "has space", "quote\"", "x".repeat(129), "semi;colon"}) {
            String id = TestRequest.get("/").header("X-Request-Id", bad).send(handler).header("X-Request-Id");
            assertNotEquals(bad, id);
            assertEquals(36, id.length());
        }
    }

    @Test
    void overridesAnIdTheHandlerSet() throws Exception {
        var h = RequestId.create().wrap(request -> Response.text("x").withHeader("X-Request-Id", "other"));
        TestResponse res = TestRequest.get("/").header("X-Request-Id", "mine").send(h);
        assertEquals(java.util.List.of("mine"), res.headers().all("X-Request-Id"));
    }
}
