package dev.wisp.server.io;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.ByteBuffer;
import java.nio.channels.AsynchronousCloseException;
import java.nio.channels.ClosedByInterruptException;
import java.nio.channels.FileChannel;
import java.nio.channels.ServerSocketChannel;
import java.nio.channels.SocketChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Random;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * The plain transport over the server's readiness loop: every wait (a read after a write, bytes
 * that came while nobody read, a full socket buffer) parks and is woken by the loop, the watchdog's
 * {@code shutdownInput}, a close or an interrupt — and no byte is lost or reordered on the way.
 * The loop thread is the only one that can wake a parked read, so a lost wake-up shows as a hang:
 * every test is bounded.
 */
@Timeout(value = 30, unit = TimeUnit.SECONDS, threadMode = Timeout.ThreadMode.SEPARATE_THREAD)
class PlainTransportTest {
    private ReadinessLoop loop;
    private ServerSocketChannel listener;
    private Socket client;
    private PlainTransport transport;

    @BeforeEach
    void connect() throws IOException {
        loop = ReadinessLoop.start("test-poller");
        listener = ServerSocketChannel.open().bind(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0));
        client = new Socket();
        client.connect(listener.getLocalAddress());
        client.setSoTimeout(20_000);
        transport = new PlainTransport(listener.accept(), loop);
    }

    @AfterEach
    void close() throws IOException {
        transport.close();
        client.close();
        listener.close();
        loop.close();
    }

    private void send(String s) throws IOException {
        client.getOutputStream().write(s.getBytes());
        client.getOutputStream().flush();
    }

    private String read(int max) throws IOException {
        byte[] b = new byte[max];
        int n = transport.input().read(b, 0, max);
        return n < 0 ? null : new String(b, 0, n);
    }

    private void write(String s) throws IOException {
        transport.write(new ByteBuffer[] {ByteBuffer.wrap(s.getBytes())});
    }

    private String clientRead(int n) throws IOException {
        return new String(client.getInputStream().readNBytes(n));
    }

    /** Waits until {@code t} is parked (not runnable): the read under test really waits. */
    private static void awaitParked(Thread t) {
        while (t.getState() != Thread.State.WAITING && t.isAlive()) {
            Thread.onSpinWait();
        }
    }

    /** Starts a read of up to {@code max} bytes on its own thread and returns once it is parked. */
    private CompletableFuture<String> parkedRead(int max) {
        CompletableFuture<String> result = new CompletableFuture<>();
        Thread reader = Thread.ofVirtual().start(() -> {
            try {
                result.complete(String.valueOf(read(max)));
            } catch (IOException e) {
                result.completeExceptionally(e);
            }
        });
        awaitParked(reader);
        return result;
    }

    @Test
    void readsWhatIsThereAtOnceAndWaitsForTheRest() throws Exception {
        send("hello");
        assertEquals("hello", read(100)); // the first read tries the socket
        CompletableFuture<String> next = parkedRead(100);
        send("world");
        assertEquals("world", next.get(20, TimeUnit.SECONDS));
    }

    @Test
    void aReadAfterAWriteParksAndTheLoopReadsForIt() throws Exception {
        for (int i = 0; i < 2000; i++) { // request, response, request...: the keep-alive path
            send("request " + i);
            assertEquals("request " + i, read(100));
            write("response " + i);
            assertEquals("response " + i, clientRead(("response " + i).length()));
        }
    }

    @Test
    void bytesThatCameWhileNobodyReadAreReadLaterAndTheNextWaitIsArmedAgain() throws Exception {
        write("x"); // a read after a write waits at once: the socket is registered with the loop
        clientRead(1);
        CompletableFuture<String> first = parkedRead(100);
        send("a");
        assertEquals("a", first.get(20, TimeUnit.SECONDS));
        send("early"); // comes while nobody reads: the loop takes the socket out of its interest
        while (!transport.disarmed()) {
            Thread.onSpinWait();
        }
        assertEquals("early", read(100));
        CompletableFuture<String> late = parkedRead(100);
        send("late");
        assertEquals("late", late.get(20, TimeUnit.SECONDS));
    }

    @Test
    void shutdownInputWakesAParkedReadWithEndOfInput() throws Exception {
        write("x"); // the next read parks without trying
        clientRead(1);
        CompletableFuture<String> r = parkedRead(10);
        transport.shutdownInput();
        assertEquals("null", r.get(20, TimeUnit.SECONDS));
        write("still writable");
        assertEquals("still writable", clientRead(14));
    }

    @Test
    void closeWakesAParkedReadWithAnAsynchronousClose() throws Exception {
        CompletableFuture<String> r = parkedRead(10);
        transport.close();
        var e = assertThrows(Exception.class, () -> r.get(20, TimeUnit.SECONDS));
        assertTrue(e.getCause() instanceof AsynchronousCloseException, e.toString());
        assertEquals(-1, client.getInputStream().read()); // and the socket really is closed
    }

    @Test
    void anInterruptedReadClosesTheConnectionAsAnInterruptibleChannelWould() throws Exception {
        AtomicReference<Throwable> failure = new AtomicReference<>();
        AtomicReference<Boolean> stillInterrupted = new AtomicReference<>();
        Thread reader = Thread.ofVirtual().start(() -> {
            try {
                read(10);
            } catch (IOException e) {
                failure.set(e);
                stillInterrupted.set(Thread.currentThread().isInterrupted());
            }
        });
        awaitParked(reader);
        reader.interrupt();
        reader.join(20_000);
        assertTrue(failure.get() instanceof ClosedByInterruptException, String.valueOf(failure.get()));
        assertTrue(stillInterrupted.get());
        assertEquals(-1, client.getInputStream().read());
    }

    @Test
    void aWriteToASlowReaderParksUntilItDrainsAndEveryByteArrivesInOrder() throws Exception {
        byte[] big = new byte[8 << 20];
        new Random(1).nextBytes(big);
        CompletableFuture<Void> written = new CompletableFuture<>();
        Thread writer = Thread.ofVirtual().start(() -> {
            try {
                transport.write(new ByteBuffer[] {ByteBuffer.wrap(big, 0, 100), ByteBuffer.wrap(big, 100, big.length - 100)});
                written.complete(null);
            } catch (IOException e) {
                written.completeExceptionally(e);
            }
        });
        awaitParked(writer); // the socket buffer is full: the write waits for the loop
        assertArrayEquals(big, client.getInputStream().readNBytes(big.length));
        written.get(20, TimeUnit.SECONDS);
    }

    @Test
    void closeEndsAWriteThatStoppedMoving() throws Exception {
        CompletableFuture<Void> w = new CompletableFuture<>();
        Thread writer = Thread.ofVirtual().start(() -> {
            try {
                transport.write(new ByteBuffer[] {ByteBuffer.allocate(64 << 20)}); // nobody reads
                w.complete(null);
            } catch (IOException e) {
                w.completeExceptionally(e);
            }
        });
        awaitParked(writer);
        transport.close(); // what the watchdog does at the write timeout
        var e = assertThrows(Exception.class, () -> w.get(20, TimeUnit.SECONDS));
        assertTrue(e.getCause() instanceof IOException, e.toString());
    }

    @Test
    void filesLeaveThroughSendfileEvenWhenTheSocketBufferIsFull(@TempDir Path dir) throws Exception {
        byte[] content = new byte[6 << 20];
        new Random(2).nextBytes(content);
        Path file = Files.write(dir.resolve("f"), content);
        CompletableFuture<Void> sent = new CompletableFuture<>();
        Thread sender = Thread.ofVirtual().start(() -> {
            try (FileChannel f = FileChannel.open(file)) {
                long position = 0;
                while (position < content.length) {
                    long n = transport.transferFrom(f, position, content.length - position);
                    if (n <= 0) {
                        throw new AssertionError("a full socket buffer is waited out, not reported as " + n);
                    }
                    position += n;
                }
                sent.complete(null);
            } catch (IOException | AssertionError e) {
                sent.completeExceptionally(e);
            }
        });
        awaitParked(sender); // the socket buffer is full: sendfile waits for the loop
        assertArrayEquals(content, client.getInputStream().readNBytes(content.length));
        sent.get(20, TimeUnit.SECONDS);
    }

    @Test
    void readsAndWritesOnTwoThreadsAtOnceLoseNothing() throws Exception {
        // HTTP/2's shape: one thread reads frames while another writes responses.
        int rounds = 300;
        Random random = new Random(3);
        byte[] up = new byte[rounds * 1000];
        byte[] down = new byte[rounds * 3000];
        random.nextBytes(up);
        random.nextBytes(down);
        CompletableFuture<byte[]> serverGot = new CompletableFuture<>();
        Thread.ofVirtual().start(() -> {
            try {
                byte[] got = new byte[up.length];
                InputStream in = transport.input();
                int n = 0;
                while (n < got.length) {
                    int r = in.read(got, n, Math.min(777, got.length - n));
                    if (r < 0) {
                        break;
                    }
                    n += r;
                }
                serverGot.complete(got);
            } catch (IOException e) {
                serverGot.completeExceptionally(e);
            }
        });
        Thread.ofVirtual().start(() -> {
            try {
                for (int i = 0; i < rounds; i++) {
                    transport.write(new ByteBuffer[] {ByteBuffer.wrap(down, i * 3000, 3000)});
                }
            } catch (IOException e) {
                serverGot.completeExceptionally(e);
            }
        });
        CompletableFuture<byte[]> clientGot = CompletableFuture.supplyAsync(() -> {
            try {
                return client.getInputStream().readNBytes(down.length);
            } catch (IOException e) {
                throw new RuntimeException(e);
            }
        });
        OutputStream out = client.getOutputStream();
        for (int i = 0; i < rounds; i++) {
            out.write(up, i * 1000, 1000);
            if (i % 7 == 0) {
                out.flush();
                Thread.yield();
            }
        }
        out.flush();
        assertArrayEquals(up, serverGot.get(20, TimeUnit.SECONDS));
        assertArrayEquals(down, clientGot.get(20, TimeUnit.SECONDS));
    }

    @Test
    void theBlockingTransportWithoutALoopKeepsTheSameContract() throws Exception {
        try (SocketChannel other = SocketChannel.open(listener.getLocalAddress())) {
            PlainTransport blocking = new PlainTransport(listener.accept());
            other.write(ByteBuffer.wrap("ping".getBytes()));
            byte[] b = new byte[10];
            assertEquals(4, blocking.input().read(b, 0, 10));
            blocking.write(new ByteBuffer[] {ByteBuffer.wrap("pong".getBytes())});
            ByteBuffer got = ByteBuffer.allocate(4);
            while (got.hasRemaining()) {
                other.read(got);
            }
            assertEquals("pong", new String(got.array()));
            blocking.shutdownInput();
            assertEquals(-1, blocking.input().read(b, 0, 10));
            blocking.close();
            assertEquals(-1, other.read(ByteBuffer.allocate(1)));
        }
    }
}
