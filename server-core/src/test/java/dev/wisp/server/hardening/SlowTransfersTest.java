package dev.wisp.server.hardening;

import dev.wisp.server.testkit.Wire;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.wisp.server.Await;
import dev.wisp.server.Response;
import dev.wisp.server.Server;
import dev.wisp.server.ServerConfig;
import dev.wisp.server.Timeouts;
import java.io.IOException;
import java.io.InputStream;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * Large responses to clients that read slowly or not at all: they must neither hog a carrier
 * thread nor be cut off while they still make progress.
 */
@Timeout(value = 40, unit = TimeUnit.SECONDS)
class SlowTransfersTest {
    private static final int FILE_BYTES = 8 << 20;
    private static final byte[] BIG = new byte[8 << 20];

    @TempDir
    static Path dir;

    private static Server start(Duration writeTimeout, Path file) {
        return Server.start(ServerConfig.defaults().withHost("127.0.0.1").withPort(ServerConfig.ANY_PORT)
                        .withTimeouts(Timeouts.defaults().withWrite(writeTimeout)),
                r -> switch (r.path()) {
                    case "/file" -> Response.file(file, "application/octet-stream");
                    case "/bytes" -> Response.bytes(BIG);
                    default -> Response.text("ok");
                });
    }

    private static Path bigFile() throws IOException {
        Path file = dir.resolve("big-" + System.nanoTime() + ".bin");
        Files.write(file, new byte[FILE_BYTES]);
        return file;
    }

    private static Socket stalledDownload(int port, String path) throws IOException {
        Socket s = new Socket();
        s.setReceiveBufferSize(4096);
        s.connect(new java.net.InetSocketAddress("127.0.0.1", port));
        s.getOutputStream().write(("GET " + path + " HTTP/1.1\r\nHost: t\r\n\r\n").getBytes(StandardCharsets.US_ASCII));
        s.getOutputStream().flush();
        return s; // and never read
    }

    @Test
    void stalledFileDownloadsDoNotHogTheCarrierThreads() throws Exception {
        // When the socket can't take more, a zero-copy transfer returns 0 at once under a virtual
        // thread; looping on it would pin every carrier and starve all other connections.
        Path file = bigFile();
        try (Server server = start(Duration.ofSeconds(30), file)) {
            List<Socket> stalled = new ArrayList<>();
            try {
                for (int i = 0; i < Runtime.getRuntime().availableProcessors() + 1; i++) {
                    stalled.add(stalledDownload(server.port(), "/file"));
                }
                try (Wire w = Wire.connect(server.port())) {
                    long start = System.nanoTime();
                    assertEquals(200, w.get("/ok").status());
                    // A margin, not a latency target: pinned carriers would hold it until the
                    // stalled downloads hit the 30 s write timeout.
                    assertTrue(System.nanoTime() - start < TimeUnit.SECONDS.toNanos(10),
                            "a normal request waited behind stalled downloads");
                }
            } finally {
                for (Socket s : stalled) {
                    s.close();
                }
            }
        }
    }

    @Test
    void stalledFileDownloadIsCutAtTheWriteTimeout() throws Exception {
        Path file = bigFile();
        try (Server server = start(Duration.ofMillis(500), file); Socket s = stalledDownload(server.port(), "/file")) {
            Await.until("the stalled download is closed", Duration.ofSeconds(10), () -> server.openConnections() == 0,
                    server::openConnections);
        }
    }

    @Test
    void longDownloadsThatKeepMovingAreNotCutByTheWriteTimeout() throws Exception {
        // The write timeout is for a client that stopped reading, not for a body whose whole
        // transfer takes longer than the timeout: here about 2.5 s of steady reading against 1 s.
        // (The timeout is not shorter, so that a loaded machine pausing the reader for a few
        // hundred milliseconds does not look like a client that stopped.)
        Path file = bigFile();
        try (Server server = start(Duration.ofSeconds(1), file)) {
            for (String path : List.of("/file", "/bytes")) {
                try (Socket s = new Socket()) {
                    s.connect(new java.net.InetSocketAddress("127.0.0.1", server.port()));
                    s.setSoTimeout(5000);
                    s.getOutputStream().write(("GET " + path + " HTTP/1.1\r\nHost: t\r\nConnection: close\r\n\r\n")
                            .getBytes(StandardCharsets.US_ASCII));
                    InputStream in = s.getInputStream();
                    byte[] buf = new byte[64 * 1024];
                    long total = 0;
                    long pace = TimeUnit.MILLISECONDS.toNanos(2500) * buf.length / (8L << 20);
                    int n;
                    while ((n = in.read(buf)) > 0) {
                        total += n;
                        java.util.concurrent.locks.LockSupport.parkNanos(pace); // the client's reading pace
                    }
                    int expected = path.equals("/file") ? FILE_BYTES : BIG.length;
                    assertTrue(total > expected, path + ": got " + total + " bytes of " + expected + " plus head");
                }
            }
        }
    }
}
