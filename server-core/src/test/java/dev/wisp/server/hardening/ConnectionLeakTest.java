package dev.wisp.server.hardening;

import dev.wisp.server.testkit.Wire;
import dev.wisp.server.testkit.LogCapture;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.wisp.server.Await;
import dev.wisp.server.Response;
import dev.wisp.server.Server;
import dev.wisp.server.ServerConfig;
import java.io.IOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * A CI-sized leak check: after a burst of a few thousand connections that end in every way a
 * client can end one (orderly, mid-head, mid-body, reset, never sending a byte), the server's open
 * connections and this process's file descriptors return to their baseline.
 */
@Timeout(value = 60, unit = TimeUnit.SECONDS)
class ConnectionLeakTest {
    private static final int CLIENT_THREADS = 8;

    @Test
    void returnsToBaselineAfterABurstOfThousandsOfConnections() throws Exception {
        try (LogCapture log = LogCapture.server();
             Server server = Server.start(ServerConfig.defaults().withHost("127.0.0.1").withPort(ServerConfig.ANY_PORT),
                     request -> Response.text("ok " + request.bytes().length))) {
            burst(server, 120); // warm up: pollers, carrier threads and classes exist from here on
            awaitNoConnections(server);
            int baselineFds = Await.openFileDescriptors();

            burst(server, 3_000);

            awaitNoConnections(server);
            // A leak of even 1% of the burst would be 30 descriptors; the slack covers the JVM's own.
            Await.until("file descriptors back to baseline " + baselineFds, Duration.ofSeconds(10),
                    () -> Await.openFileDescriptors() <= baselineFds + 8, Await::openFileDescriptors);
            assertEquals(List.of(), log.errors(), "errors logged:" + LogCapture.describe(log.errors()));
        }
    }

    private static void awaitNoConnections(Server server) {
        Await.until("no open connections", Duration.ofSeconds(10), () -> server.openConnections() == 0, server::openConnections);
    }

    /** {@code count} connections from a few client threads, cycling through the ways a connection can end. */
    private static void burst(Server server, int count) throws InterruptedException {
        ConcurrentLinkedQueue<String> failures = new ConcurrentLinkedQueue<>();
        List<Thread> threads = new ArrayList<>();
        for (int t = 0; t < CLIENT_THREADS; t++) {
            int first = t;
            threads.add(Thread.ofVirtual().start(() -> {
                for (int i = first; i < count; i += CLIENT_THREADS) {
                    try {
                        oneConnection(server.port(), i % 6);
                    } catch (IOException | RuntimeException e) {
                        failures.add("connection " + i + " (kind " + i % 6 + "): " + e);
                    }
                }
            }));
        }
        for (Thread t : threads) {
            assertTrue(t.join(Duration.ofSeconds(30)), "burst did not finish");
        }
        assertEquals(List.of(), List.copyOf(failures));
    }

    private static void oneConnection(int port, int kind) throws IOException {
        Wire wire = Wire.connect(port);
        switch (kind) {
            case 0 -> { // keep-alive, two requests, then the client closes
                check(wire.get("/a"));
                check(wire.get("/b"));
                wire.close();
            }
            case 1 -> { // Connection: close, the server closes
                check(wire.send("GET / HTTP/1.1\r\nHost: test\r\nConnection: close\r\n\r\n").read());
                if (!wire.closedByServer()) {
                    throw new IOException("not closed after Connection: close");
                }
                wire.close();
            }
            case 2 -> wire.close(); // never sends a byte
            case 3 -> { // ends inside the head
                wire.send("GET / HTTP/1.1\r\nHost: te");
                wire.close();
            }
            case 4 -> { // ends inside the body
                wire.send("POST / HTTP/1.1\r\nHost: test\r\nContent-Length: 100\r\n\r\nonly a part");
                wire.close();
            }
            default -> { // resets right after its request
                wire.send("GET / HTTP/1.1\r\nHost: test\r\n\r\n");
                wire.reset();
            }
        }
    }

    private static void check(Wire.Reply r) throws IOException {
        if (r.status() != 200 || !r.text().equals("ok 0")) {
            throw new IOException("unexpected response " + r);
        }
    }
}
