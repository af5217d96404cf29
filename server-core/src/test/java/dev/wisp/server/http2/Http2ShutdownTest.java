package dev.wisp.server.http2;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.wisp.server.Response;
import dev.wisp.server.Server;
import dev.wisp.server.ServerConfig;
import dev.wisp.server.Timeouts;
import java.io.IOException;
import java.time.Duration;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** Graceful shutdown on HTTP/2: GOAWAY with the last stream, in-flight streams finish, new ones are refused; kill interrupts. */
@Timeout(value = 30, unit = TimeUnit.SECONDS)
class Http2ShutdownTest {

    @Test
    void goAwayLetsInFlightStreamFinishAndRefusesNewOnes() throws Exception {
        CountDownLatch entered = new CountDownLatch(1);
        CountDownLatch release = new CountDownLatch(1);
        Server server = Server.start(ServerConfig.defaults().withHost("127.0.0.1").withPort(0), r -> {
            if (r.path().equals("/slow")) {
                entered.countDown();
                release.await();
            }
            return Response.text("done " + r.path());
        });
        try (H2Wire w = H2Wire.connect(server.port()); H2Wire idle = H2Wire.connect(server.port())) {
            w.handshake();
            idle.handshake();
            w.request(1, true, "GET", "/fast");
            w.response(1);
            w.request(3, true, "GET", "/slow");
            assertTrue(entered.await(5, TimeUnit.SECONDS));
            Thread closer = Thread.ofVirtual().start(server::close);
            H2Wire.Frame goAway = w.expect(Frame.GOAWAY, 0);
            assertEquals(ErrorCode.NO_ERROR, goAway.error());
            assertEquals(3, goAway.int32(0), "last stream id processed (§6.8)");
            assertEquals(ErrorCode.NO_ERROR, idle.goAway());
            assertTrue(idle.closedByServer(), "an idle connection closes at once");
            w.request(5, true, "GET", "/fast"); // above the last stream id
            assertEquals(ErrorCode.REFUSED_STREAM, w.expect(Frame.RST_STREAM, 5).error());
            release.countDown();
            H2Wire.Response r = w.response(3);
            assertEquals("done /slow", r.text());
            assertTrue(w.closedByServer());
            closer.join(10_000);
            assertTrue(!closer.isAlive(), "close() returned once the stream ended");
        } finally {
            release.countDown();
            server.close();
        }
    }

    @Test
    void killInterruptsStreamsPastTheGrace() throws Exception {
        CountDownLatch entered = new CountDownLatch(1);
        CountDownLatch interrupted = new CountDownLatch(1);
        Server server = Server.start(ServerConfig.defaults().withHost("127.0.0.1").withPort(0)
                .withTimeouts(Timeouts.defaults().withShutdownGrace(Duration.ofMillis(200))), r -> {
                    entered.countDown();
                    try {
                        new CountDownLatch(1).await();
                    } catch (InterruptedException e) {
                        interrupted.countDown();
                        throw e;
                    }
                    return Response.text("never");
                });
        try (H2Wire w = H2Wire.connect(server.port())) {
            w.handshake();
            w.request(1, true, "GET", "/forever");
            assertTrue(entered.await(5, TimeUnit.SECONDS));
            server.close();
            assertTrue(interrupted.await(5, TimeUnit.SECONDS), "the stream's thread was interrupted");
            assertTrue(w.closedByServer());
        }
    }
}
