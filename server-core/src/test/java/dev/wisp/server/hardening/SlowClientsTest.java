package dev.wisp.server.hardening;

import dev.wisp.server.testkit.Wire;
import dev.wisp.server.testkit.LogCapture;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.wisp.server.Handler;
import dev.wisp.server.Await;
import dev.wisp.server.Response;
import dev.wisp.server.Server;
import dev.wisp.server.ServerConfig;
import dev.wisp.server.Timeouts;
import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.net.Socket;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;
import java.util.concurrent.locks.LockSupport;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * Clients that are slow on purpose: slowloris (a head trickled byte by byte), a reader that never
 * reads, and thousands of idle keep-alive connections. None of them may delay a normal client,
 * and each is cut by its timeout. Timeouts are shortened to 3 s so the suite stays CI-sized.
 */
@Timeout(value = 60, unit = TimeUnit.SECONDS)
class SlowClientsTest {
    /**
     * The timeout each attack is cut by. "Not delayed" is checked as an ordering — the normal
     * request is answered while the attack is still in place, before its timeout — so the timeout
     * is long enough to leave a loaded two-core machine seconds of margin, and short enough to
     * keep the suite CI-sized.
     */
    private static final Duration SHORT = Duration.ofSeconds(3);
    /**
     * Idle keep-alive connections are cut by no timeout within the test (the idle timeout is 60 s),
     * so there a normal request gets a generous bound instead: far above any honest latency, far
     * below the wait for the idle connections to go away.
     */
    private static final long PROMPT_NANOS = TimeUnit.SECONDS.toNanos(10);

    private static Server start(Timeouts timeouts, Handler handler) {
        return Server.start(ServerConfig.defaults().withHost("127.0.0.1").withPort(ServerConfig.ANY_PORT).withTimeouts(timeouts), handler);
    }

    private static long timeNormalRequest(Server server) throws IOException {
        long start = System.nanoTime();
        try (Wire wire = Wire.connect(server.port())) {
            Wire.Reply r = wire.get("/normal");
            assertEquals(200, r.status());
            assertEquals("ok /normal", r.text());
        }
        return System.nanoTime() - start;
    }

    @Test
    void cutsSlowlorisConnectionsWith408AtTheHeadTimeoutWithoutDelayingOthers() throws Exception {
        int clients = 500;
        try (Server server = start(Timeouts.defaults().withHead(SHORT), r -> Response.text("ok " + r.path()))) {
            CountDownLatch trickling = new CountDownLatch(clients);
            ConcurrentLinkedQueue<String> failures = new ConcurrentLinkedQueue<>();
            ConcurrentLinkedQueue<Long> cutAfterMillis = new ConcurrentLinkedQueue<>();
            AtomicLong firstCut = new AtomicLong(Long.MAX_VALUE);
            List<Thread> threads = new ArrayList<>();
            for (int i = 0; i < clients; i++) {
                threads.add(Thread.ofVirtual().start(() -> {
                    boolean counted = false;
                    try (Wire wire = Wire.connect(server.port())) {
                        long firstByte = System.nanoTime();
                        wire.send("GET /slow HTTP/1.1\r\nHost: test\r\nX-Slow: ");
                        trickling.countDown();
                        counted = true;
                        // One more byte every 100 ms, until the server answers (or far past the head timeout).
                        long giveUp = firstByte + SHORT.toNanos() + TimeUnit.SECONDS.toNanos(7);
                        while (wire.available() == 0 && System.nanoTime() < giveUp) {
                            wire.send("a");
                            LockSupport.parkNanos(TimeUnit.MILLISECONDS.toNanos(100)); // the trickle's pace
                        }
                        Wire.Reply r = wire.read();
                        long cut = System.nanoTime();
                        cutAfterMillis.add(TimeUnit.NANOSECONDS.toMillis(cut - firstByte));
                        firstCut.accumulateAndGet(cut, Math::min);
                        if (r.status() != 408 || !r.closes() || !wire.closedByServer()) {
                            failures.add("expected 408 and close, got " + r);
                        }
                    } catch (IOException | RuntimeException e) {
                        if (!counted) {
                            trickling.countDown();
                        }
                        failures.add(e.toString());
                    }
                }));
            }
            assertTrue(trickling.await(20, TimeUnit.SECONDS), "slow clients connected");
            // connect() returns once the kernel has queued the connection; wait until the server holds them all.
            Await.until("all slow connections accepted", Duration.ofSeconds(5), () -> server.openConnections() >= clients,
                    server::openConnections);
            timeNormalRequest(server);
            long normalAnswered = System.nanoTime();

            for (Thread t : threads) {
                assertTrue(t.join(Duration.ofSeconds(15)), "a slow client did not finish");
            }
            assertEquals(List.of(), List.copyOf(failures));
            long earliest = cutAfterMillis.stream().mapToLong(Long::longValue).min().orElseThrow();
            long latest = cutAfterMillis.stream().mapToLong(Long::longValue).max().orElseThrow();
            // The head timeout runs from the first byte and trickling can't extend it.
            assertTrue(earliest >= SHORT.toMillis() - 100, "cut before the head timeout: " + earliest + " ms");
            // Had trickling extended the deadline, no cut would come before the clients give up.
            assertTrue(latest < SHORT.toMillis() + 6_000, "cut long after the head timeout: " + latest + " ms");
            assertTrue(normalAnswered - firstCut.get() < 0,
                    "the normal request was answered only after the slowloris connections were cut");
            Await.until("slowloris connections closed", Duration.ofSeconds(10), () -> server.openConnections() == 0,
                    server::openConnections);
        }
    }

    @Test
    void cutsAReaderThatNeverReadsAtTheWriteTimeoutAndReturnsToBaseline() throws Exception {
        CountDownLatch writing = new CountDownLatch(1);
        CountDownLatch writerDone = new CountDownLatch(1);
        AtomicReference<Throwable> writerFailure = new AtomicReference<>();
        byte[] chunk = new byte[64 * 1024];
        try (LogCapture log = LogCapture.server();
             Server server = start(Timeouts.defaults().withWrite(SHORT), r -> r.path().equals("/normal")
                     ? Response.text("ok /normal")
                     : Response.stream("application/octet-stream", out -> {
                         writing.countDown();
                         try {
                             for (int i = 0; i < 4096; i++) { // 256 MiB at most: bounded even if the client read
                                 out.write(chunk);
                             }
                         } catch (IOException | RuntimeException e) {
                             writerFailure.set(e);
                             throw e;
                         } finally {
                             writerDone.countDown();
                         }
                     }))) {
            timeNormalRequest(server); // warm up: carrier threads and pollers exist from here on
            int baselineThreads = ManagementFactory.getThreadMXBean().getThreadCount();
            Socket small = new Socket();
            small.setReceiveBufferSize(4096);
            try (Wire stalled = Wire.connect(small, server.port())) {
                long start = System.nanoTime();
                stalled.send("GET /big HTTP/1.1\r\nHost: test\r\n\r\n");
                assertTrue(writing.await(5, TimeUnit.SECONDS), "the response started");
                timeNormalRequest(server);
                assertEquals(1, writerDone.getCount(), "the normal request was answered only after the stalled write was cut");

                assertTrue(writerDone.await(10, TimeUnit.SECONDS), "the blocked write was never cut");
                long cutAfter = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - start);
                assertTrue(writerFailure.get() instanceof IOException, "the body writer saw its write fail: " + writerFailure.get());
                assertTrue(cutAfter >= SHORT.toMillis() - 100 && cutAfter < SHORT.toMillis() + 6_000,
                        "cut after " + cutAfter + " ms, write timeout " + SHORT.toMillis() + " ms");
                Await.until("the stalled connection closed", Duration.ofSeconds(5), () -> server.openConnections() == 0,
                        server::openConnections);
                Await.until("platform threads back to baseline", Duration.ofSeconds(5),
                        () -> ManagementFactory.getThreadMXBean().getThreadCount() <= baselineThreads,
                        () -> ManagementFactory.getThreadMXBean().getThreadCount());
            }
            assertTrue(log.contains("write_timeout"), "the cut is logged as a write timeout" + LogCapture.describe(log.problems()));
            assertEquals(List.of(), log.errors(), "a client that stops reading is not a server error:" + LogCapture.describe(log.errors()));
        }
    }

    @Test
    void servesNewRequestsPromptlyWhileThousandsOfKeepAliveConnectionsIdle() throws Exception {
        int idle = 2_000;
        int baselineFds = Await.openFileDescriptors();
        try (Server server = start(Timeouts.defaults(), r -> Response.text("ok " + r.path()))) {
            List<Wire> wires = new ArrayList<>(idle);
            try {
                for (int i = 0; i < idle; i++) {
                    Wire wire = Wire.connect(server.port());
                    wires.add(wire);
                    Wire.Reply r = wire.get("/" + i);
                    assertEquals(200, r.status());
                    assertFalse(r.closes(), "kept alive");
                }
                assertEquals(idle, server.openConnections(), "idle keep-alive connections are counted");
                long latency = timeNormalRequest(server);
                assertTrue(latency < PROMPT_NANOS, "normal request took " + TimeUnit.NANOSECONDS.toMillis(latency)
                        + " ms with " + idle + " idle connections");
                // The idle connections still work.
                assertEquals("ok /again", wires.get(idle / 2).get("/again").text());
            } finally {
                for (Wire w : wires) {
                    w.close();
                }
            }
            Await.until("idle connections closed", Duration.ofSeconds(10), () -> server.openConnections() == 0,
                    server::openConnections);
        }
        Await.until("file descriptors back to baseline", Duration.ofSeconds(10),
                () -> Await.openFileDescriptors() <= baselineFds + 8, Await::openFileDescriptors);
    }
}
