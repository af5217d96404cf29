package dev.wisp.server.hardening;

import dev.wisp.server.testkit.TestTransport;
import org.junit.jupiter.params.Parameter;
import org.junit.jupiter.params.ParameterizedClass;
import org.junit.jupiter.params.provider.EnumSource;

import dev.wisp.server.testkit.Wire;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.wisp.server.Await;
import dev.wisp.server.Response;
import dev.wisp.server.Server;
import dev.wisp.server.ServerConfig;
import dev.wisp.server.Timeouts;
import java.io.IOException;
import java.net.ConnectException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * {@code Server.close()} under load: requests being handled finish with their full responses,
 * new connections are refused, idle keep-alive connections are closed, and {@code close()}
 * returns within the grace period — also when a handler never finishes.
 */
@Timeout(value = 30, unit = TimeUnit.SECONDS)
@ParameterizedClass
@EnumSource(TestTransport.class)
class GracefulShutdownTest {
    @Parameter
    TestTransport transport;

    private static final int IN_FLIGHT = 10;
    private static final int IDLE = 5;
    private static final byte[] PAYLOAD = payload(100_000);

    private static byte[] payload(int size) {
        byte[] b = new byte[size];
        for (int i = 0; i < size; i++) {
            b[i] = (byte) ('a' + i % 26);
        }
        return b;
    }

    private Server start(Duration grace, CountDownLatch entered, CountDownLatch release) {
        return Server.start(transport.apply(ServerConfig.defaults().withHost("127.0.0.1").withPort(ServerConfig.ANY_PORT)
                        .withTimeouts(Timeouts.defaults().withShutdownGrace(grace))),
                request -> {
                    if (!request.path().equals("/slow")) {
                        return Response.text("ok");
                    }
                    entered.countDown();
                    if (!release.await(20, TimeUnit.SECONDS)) {
                        throw new IllegalStateException("never released");
                    }
                    return Response.bytes(PAYLOAD);
                });
    }

    /** Starts {@code server.close()} on its own thread, recording how long it took. */
    private static Thread closeInBackground(Server server, AtomicLong tookNanos) {
        return Thread.ofPlatform().start(() -> {
            long start = System.nanoTime();
            server.close();
            tookNanos.set(System.nanoTime() - start);
        });
    }

    private static void awaitRefused(int port) {
        Await.until("new connections refused", Duration.ofSeconds(5), () -> {
            try (Wire w = Wire.connect(port)) {
                return false;
            } catch (ConnectException refused) {
                return true;
            } catch (IOException e) {
                return false;
            }
        }, () -> "still accepting");
    }

    @Test
    void finishesInFlightRequestsRefusesNewOnesAndClosesIdleConnections() throws Exception {
        CountDownLatch entered = new CountDownLatch(IN_FLIGHT);
        CountDownLatch release = new CountDownLatch(1);
        Duration grace = Duration.ofSeconds(5);
        Server server = start(grace, entered, release);
        List<Wire> idle = new ArrayList<>();
        List<Wire> busy = new ArrayList<>();
        try {
            for (int i = 0; i < IDLE; i++) {
                Wire w = transport.connect(server.port());
                idle.add(w);
                assertEquals(200, w.get("/").status());
            }
            for (int i = 0; i < IN_FLIGHT; i++) {
                busy.add(transport.connect(server.port()).send("GET /slow HTTP/1.1\r\nHost: test\r\n\r\n"));
            }
            assertTrue(entered.await(5, TimeUnit.SECONDS), "all requests are in their handlers");
            int port = server.port();

            AtomicLong took = new AtomicLong(-1);
            Thread closer = closeInBackground(server, took);

            awaitRefused(port);
            for (Wire w : idle) {
                assertTrue(w.closedByServer(), "an idle keep-alive connection is closed at shutdown");
            }
            Await.until("only in-flight connections left", Duration.ofSeconds(5),
                    () -> server.openConnections() == IN_FLIGHT, server::openConnections);
            assertTrue(closer.isAlive(), "close() waits for the requests being handled");

            release.countDown();
            for (Wire w : busy) {
                Wire.Reply r = w.read();
                assertEquals(200, r.status());
                assertArrayEquals(PAYLOAD, r.body(), "the full response");
                assertTrue(r.closes(), "a response finished during shutdown says Connection: close");
                assertTrue(w.closedByServer(), "and the connection then closes");
            }
            assertTrue(closer.join(grace.plusSeconds(1)), "close() returned");
            assertTrue(took.get() < grace.toNanos(), "close() took " + TimeUnit.NANOSECONDS.toMillis(took.get()) + " ms");
            assertEquals(0, server.openConnections());
        } finally {
            release.countDown();
            server.close();
            for (Wire w : idle) {
                w.close();
            }
            for (Wire w : busy) {
                w.close();
            }
        }
    }

    @Test
    void returnsFromCloseWithinTheGracePeriodWhenAHandlerNeverFinishes() throws Exception {
        CountDownLatch entered = new CountDownLatch(1);
        CountDownLatch release = new CountDownLatch(1);
        Duration grace = Duration.ofSeconds(1);
        Server server = start(grace, entered, release);
        try (Wire stuck = transport.connect(server.port())) {
            stuck.send("GET /slow HTTP/1.1\r\nHost: test\r\n\r\n");
            assertTrue(entered.await(5, TimeUnit.SECONDS), "the handler is running");

            long start = System.nanoTime();
            server.close();
            long took = System.nanoTime() - start;

            assertTrue(took >= grace.toNanos() - TimeUnit.MILLISECONDS.toNanos(50), "close() gave up before the grace period: "
                    + TimeUnit.NANOSECONDS.toMillis(took) + " ms");
            // A margin, not a latency target: the handler alone would hold close() for 20 s.
            assertTrue(took < grace.toNanos() + TimeUnit.SECONDS.toNanos(10), "close() took "
                    + TimeUnit.NANOSECONDS.toMillis(took) + " ms with a 1 s grace period");
            assertTrue(stuck.closedByServer(), "the stuck connection is closed");
            Await.until("the stuck connection is gone", Duration.ofSeconds(5), () -> server.openConnections() == 0,
                    server::openConnections);
        } finally {
            release.countDown();
        }
    }
}
