package dev.wisp.server;

import dev.wisp.server.testkit.TestTransport;
import org.junit.jupiter.params.Parameter;
import org.junit.jupiter.params.ParameterizedClass;
import org.junit.jupiter.params.provider.EnumSource;

import dev.wisp.server.testkit.Wire;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ConnectException;
import java.net.ServerSocket;
import java.net.Socket;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** Timeouts, caps and the graceful shutdown. */
@Timeout(value = 30, unit = TimeUnit.SECONDS)
@ParameterizedClass
@EnumSource(TestTransport.class)
class LifecycleTest {
    /** Timeouts, limits and shutdown behave the same over a plain connection and through TLS. */
    @Parameter
    TestTransport transport;

    ServerConfig local() {
        return transport.apply(ServerConfig.defaults().withHost("127.0.0.1").withPort(ServerConfig.ANY_PORT));
    }

    @Test
    void cutsASlowHeadWith408() throws IOException {
        var timeouts = Timeouts.defaults().withHead(Duration.ofMillis(300));
        try (Server server = Server.start(local().withTimeouts(timeouts), r -> Response.text("ok"));
             Wire c = transport.connect(server.port())) {
            long start = System.nanoTime();
            Wire.Reply r = c.send("GET / HTTP/1.1\r\nHost: t\r\nX-Slow: ").read();
            assertEquals("HTTP/1.1 408 Request Timeout", r.statusLine());
            assertEquals("close", r.header("Connection"));
            assertTrue(System.nanoTime() - start >= TimeUnit.MILLISECONDS.toNanos(250));
            assertTrue(c.closedByServer());
        }
    }

    @Test
    void trickledBytesDoNotExtendTheHeadDeadline() throws IOException {
        var timeouts = Timeouts.defaults().withHead(Duration.ofMillis(500));
        try (Server server = Server.start(local().withTimeouts(timeouts), r -> Response.text("ok"));
             Wire c = transport.connect(server.port())) {
            c.send("GET / HTTP/1.1\r\n");
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(5);
            // Keep sending a header byte whenever the server is still waiting; it must still cut us off.
            c.socket.setSoTimeout(50);
            String first = null;
            while (System.nanoTime() < deadline && first == null) {
                try {
                    first = c.line();
                } catch (java.net.SocketTimeoutException stillWaiting) {
                    c.send("X");
                }
            }
            assertEquals("HTTP/1.1 408 Request Timeout", first);
        }
    }

    @Test
    void closesIdleKeepAliveConnectionsSilently() throws IOException {
        var timeouts = Timeouts.defaults().withIdle(Duration.ofMillis(300));
        try (Server server = Server.start(local().withTimeouts(timeouts), r -> Response.text("ok"));
             Wire c = transport.connect(server.port())) {
            assertEquals(200, c.send("GET / HTTP/1.1\r\nHost: t\r\n\r\n").read().status());
            assertEquals("", c.readToEnd()); // no 408 for a connection that was merely idle
        }
    }

    @Test
    void answers503PastTheRequestCapAndQueue() throws Exception {
        CountDownLatch entered = new CountDownLatch(1);
        CountDownLatch release = new CountDownLatch(1);
        var limits = Limits.defaults().withMaxConcurrentRequests(1, 0);
        try (Server server = Server.start(local().withLimits(limits), r -> {
            if (r.path().equals("/block")) {
                entered.countDown();
                release.await(10, TimeUnit.SECONDS);
            }
            return Response.text("done");
        })) {
            try (Wire blocked = transport.connect(server.port()); Wire other = transport.connect(server.port())) {
                blocked.send("GET /block HTTP/1.1\r\nHost: t\r\n\r\n");
                assertTrue(entered.await(5, TimeUnit.SECONDS));
                Wire.Reply rejected = other.send("GET /x HTTP/1.1\r\nHost: t\r\n\r\n").read();
                assertEquals(503, rejected.status());
                assertEquals("1", rejected.header("Retry-After"));
                release.countDown();
                assertEquals("done", blocked.read().text());
                assertEquals(200, other.send("GET /x HTTP/1.1\r\nHost: t\r\n\r\n").read().status());
            }
        }
    }

    @Test
    void queuesRequestsWithinTheQueueBound() throws Exception {
        CountDownLatch entered = new CountDownLatch(1);
        CountDownLatch release = new CountDownLatch(1);
        AtomicInteger handled = new AtomicInteger();
        var limits = Limits.defaults().withMaxConcurrentRequests(1, 5);
        try (Server server = Server.start(local().withLimits(limits), r -> {
            handled.incrementAndGet();
            if (r.path().equals("/block")) {
                entered.countDown();
                release.await(10, TimeUnit.SECONDS);
            }
            return Response.text("done");
        })) {
            try (Wire blocked = transport.connect(server.port()); Wire queued = transport.connect(server.port())) {
                blocked.send("GET /block HTTP/1.1\r\nHost: t\r\n\r\n");
                assertTrue(entered.await(5, TimeUnit.SECONDS));
                assertEquals(0, server.queuedRequests());
                queued.send("GET /x HTTP/1.1\r\nHost: t\r\n\r\n");
                // Release the handler only once the second request is known to wait for the slot:
                // it must then be served, not refused with 503.
                Await.until("the second request queued", Duration.ofSeconds(5), () -> server.queuedRequests() == 1,
                        server::queuedRequests);
                assertEquals(1, handled.get(), "the queued request has not reached the handler");
                release.countDown();
                assertEquals(200, queued.read().status());
                assertEquals(200, blocked.read().status());
                assertEquals(0, server.queuedRequests());
                assertEquals(2, handled.get());
            }
        }
    }

    @Test
    void closeLetsInFlightRequestsFinishAndClosesIdleConnections() throws Exception {
        CountDownLatch entered = new CountDownLatch(1);
        CountDownLatch release = new CountDownLatch(1);
        Server server = Server.start(local(), r -> {
            if (r.path().equals("/slow")) {
                entered.countDown();
                release.await(10, TimeUnit.SECONDS);
                return Response.text("finished");
            }
            return Response.text("ok");
        });
        int port = server.port();
        try (Wire busy = transport.connect(port); Wire idle = transport.connect(port)) {
            assertEquals(200, idle.send("GET / HTTP/1.1\r\nHost: t\r\n\r\n").read().status());
            busy.send("GET /slow HTTP/1.1\r\nHost: t\r\n\r\n");
            assertTrue(entered.await(5, TimeUnit.SECONDS));

            CompletableFuture<Void> closing = CompletableFuture.runAsync(server::close);
            assertTrue(idle.closedByServer(), "idle keep-alive connection is closed at shutdown");
            assertThrows(ConnectException.class, () -> waitUntilRefused(port));
            release.countDown();
            Wire.Reply r = busy.read();
            assertEquals("finished", r.text());
            assertEquals("close", r.header("Connection"));
            closing.get(10, TimeUnit.SECONDS);
            assertEquals(0, server.openConnections());
        }
    }

    /** Connects until the listener is gone; throws ConnectException once it is (bounded). */
    private static void waitUntilRefused(int port) throws IOException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(5);
        while (System.nanoTime() < deadline) {
            try (Socket s = new Socket("127.0.0.1", port)) {
                Thread.onSpinWait();
            }
        }
    }

    @Test
    void closeReturnsWithinTheGracePeriodWhenAHandlerHangs() throws Exception {
        CountDownLatch entered = new CountDownLatch(1);
        CountDownLatch never = new CountDownLatch(1);
        var timeouts = Timeouts.defaults().withShutdownGrace(Duration.ofMillis(300));
        Server server = Server.start(local().withTimeouts(timeouts), r -> {
            entered.countDown();
            never.await(20, TimeUnit.SECONDS);
            return Response.text("late");
        });
        try (Wire c = transport.connect(server.port())) {
            c.send("GET / HTTP/1.1\r\nHost: t\r\n\r\n");
            assertTrue(entered.await(5, TimeUnit.SECONDS));
            long start = System.nanoTime();
            server.close();
            // A margin, not a latency target: the handler alone would hold close() for 20 s.
            assertTrue(System.nanoTime() - start < TimeUnit.SECONDS.toNanos(15));
            assertTrue(c.closedByServer());
        } finally {
            never.countDown();
        }
    }

    @Test
    void awaitReturnsAfterClose() throws Exception {
        Server server = Server.start(local(), r -> Response.text("ok"));
        CompletableFuture<Void> waiting = CompletableFuture.runAsync(server::await);
        server.close();
        waiting.get(5, TimeUnit.SECONDS);
    }

    @Test
    void reportsAPortInUseClearly() throws IOException {
        try (ServerSocket taken = new ServerSocket(0, 50, java.net.InetAddress.getLoopbackAddress())) {
            UncheckedIOException e = assertThrows(UncheckedIOException.class,
                    () -> Server.start(local().withPort(taken.getLocalPort()), r -> Response.text("x")));
            assertTrue(e.getMessage().contains(String.valueOf(taken.getLocalPort())), e.getMessage());
        }
    }

    @Test
    void namesItsSpecialValues() throws IOException {
        try (Server server = Server.start(local().withPort(ServerConfig.ANY_PORT), r -> Response.text("ok"))) {
            assertTrue(server.port() > 0, "the OS picked a port");
        }
        assertEquals(Limits.NO_REQUEST_CAP, Limits.defaults().maxConcurrentRequests());
        assertEquals(Body.UNKNOWN_LENGTH, Response.stream("text/plain", out -> { }).body().length());
        assertEquals(0, Response.status(204).body().length());
        var e = assertThrows(IllegalArgumentException.class, () -> Limits.defaults().withMaxConcurrentRequests(-1, 0));
        assertTrue(e.getMessage().contains("NO_REQUEST_CAP"), e.getMessage());
    }

    @Test
    void rejectsInvalidConfigWithClearMessages() {
        var e = assertThrows(IllegalArgumentException.class, () -> ServerConfig.defaults().withPort(70000));
        assertTrue(e.getMessage().contains("port"));
        assertThrows(IllegalArgumentException.class, () -> Limits.defaults().withMaxHeaderCount(0));
        assertThrows(IllegalArgumentException.class, () -> Timeouts.defaults().withHead(Duration.ZERO));
        assertThrows(IllegalArgumentException.class, () -> Response.status(100));
    }
}
