import java.io.BufferedInputStream;
import java.io.BufferedOutputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicLongArray;

/**
 * WebSocket echo load for bench/run.sh (issue 11): a closed loop, one message in flight per
 * connection, each a binary message of the given size sent as one masked frame and expected back
 * unmasked, in one frame or several (RFC 6455 §5.2, §5.3, §5.4).
 *
 * <pre>
 * java WsLoad.java probe HOST:PORT                          # exit 0 if /ws/echo upgrades (101) and echoes
 * java WsLoad.java load HOST:PORT CONNS BYTES SECONDS       # prints one "WS key=value ..." line
 * </pre>
 *
 * All connections are opened and upgraded before the measured window starts; the window ends
 * SECONDS later, when every connection has finished the message it had in flight. Latencies go in
 * 10 µs buckets (p50/p99 in the output are bucket upper bounds). Each connection masks with one
 * random key chosen when it opens, so the client spends its CPU on the socket, not on masking;
 * the server still unmasks every byte. Bounded: 5 s connect and read timeouts, loopback only in
 * run.sh's use.
 */
public final class WsLoad {
    private static final int BUCKET_US = 10;
    private static final int BUCKETS = 20_000; // 200 ms; slower goes in the last bucket
    private static final String GUID = "258EAFA5-E914-47DA-95CA-C5AB0DC85B11"; // RFC 6455 §1.3

    public static void main(String[] args) throws Exception {
        if (args.length == 2 && args[0].equals("probe")) {
            try (Conn c = Conn.open(address(args[1]), 8)) {
                c.roundTrip();
            }
            System.out.println("PROBE ok");
            return;
        }
        if (args.length != 5 || !args[0].equals("load")) {
            System.err.println("usage: java WsLoad.java probe HOST:PORT | load HOST:PORT CONNS BYTES SECONDS");
            System.exit(2);
        }
        InetSocketAddress to = address(args[1]);
        int conns = Integer.parseInt(args[2]);
        int size = Integer.parseInt(args[3]);
        long seconds = Long.parseLong(args[4]);
        List<Conn> open = new ArrayList<>();
        for (int i = 0; i < conns; i++) {
            open.add(Conn.open(to, size));
        }
        AtomicLong messages = new AtomicLong();
        AtomicLong errors = new AtomicLong();
        AtomicLongArray histogram = new AtomicLongArray(BUCKETS);
        CountDownLatch done = new CountDownLatch(conns);
        long start = System.nanoTime();
        long end = start + seconds * 1_000_000_000L;
        for (Conn c : open) {
            Thread.ofVirtual().start(() -> {
                try (c) {
                    long n = 0;
                    for (long t0 = System.nanoTime(); t0 < end; ) {
                        c.roundTrip();
                        long t1 = System.nanoTime();
                        histogram.incrementAndGet((int) Math.min(BUCKETS - 1, (t1 - t0) / 1000 / BUCKET_US));
                        n++;
                        t0 = t1;
                    }
                    messages.addAndGet(n);
                } catch (IOException | RuntimeException e) {
                    errors.incrementAndGet();
                } finally {
                    done.countDown();
                }
            });
        }
        done.await();
        long elapsedUs = (System.nanoTime() - start) / 1000;
        System.out.printf("WS messages=%d duration_us=%d p50_us=%d p99_us=%d errors=%d conns=%d bytes=%d%n",
                messages.get(), elapsedUs, percentile(histogram, 0.50), percentile(histogram, 0.99),
                errors.get(), conns, size);
    }

    private static long percentile(AtomicLongArray h, double q) {
        long total = 0;
        for (int i = 0; i < h.length(); i++) {
            total += h.get(i);
        }
        if (total == 0) {
            return 0;
        }
        long rank = (long) Math.ceil(q * total), seen = 0;
        for (int i = 0; i < h.length(); i++) {
            seen += h.get(i);
            if (seen >= rank) {
                return (long) (i + 1) * BUCKET_US;
            }
        }
        return (long) BUCKETS * BUCKET_US;
    }

    private static InetSocketAddress address(String hostPort) {
        int colon = hostPort.lastIndexOf(':');
        return new InetSocketAddress(hostPort.substring(0, colon), Integer.parseInt(hostPort.substring(colon + 1)));
    }

    /** One upgraded connection with its prebuilt masked frame. */
    private static final class Conn implements AutoCloseable {
        private static final SecureRandom RANDOM = new SecureRandom();
        private final Socket socket;
        private final InputStream in;
        private final OutputStream out;
        private final byte[] frame;
        private final int size;
        private final byte[] payload;

        private Conn(Socket socket, int size) throws IOException {
            this.socket = socket;
            this.in = new BufferedInputStream(socket.getInputStream(), 64 * 1024);
            this.out = new BufferedOutputStream(socket.getOutputStream(), 64 * 1024);
            this.size = size;
            this.payload = new byte[size];
            this.frame = maskedBinaryFrame(size);
        }

        static Conn open(InetSocketAddress to, int size) throws IOException {
            Socket s = new Socket();
            try {
                s.connect(to, 5000);
                s.setSoTimeout(5000);
                s.setTcpNoDelay(true);
                Conn c = new Conn(s, size);
                c.upgrade(to);
                return c;
            } catch (IOException | RuntimeException e) {
                s.close();
                throw e;
            }
        }

        private void upgrade(InetSocketAddress to) throws IOException {
            byte[] nonce = new byte[16];
            RANDOM.nextBytes(nonce);
            String key = Base64.getEncoder().encodeToString(nonce);
            String request = "GET /ws/echo HTTP/1.1\r\nHost: " + to.getHostString() + ":" + to.getPort()
                    + "\r\nUpgrade: websocket\r\nConnection: Upgrade\r\nSec-WebSocket-Key: " + key
                    + "\r\nSec-WebSocket-Version: 13\r\n\r\n";
            out.write(request.getBytes(StandardCharsets.US_ASCII));
            out.flush();
            String head = readHead();
            if (!head.startsWith("HTTP/1.1 101")) {
                throw new IOException("no upgrade: " + head.lines().findFirst().orElse(""));
            }
            if (!head.toLowerCase().contains("sec-websocket-accept: " + accept(key).toLowerCase())) {
                throw new IOException("wrong or missing Sec-WebSocket-Accept");
            }
        }

        private String readHead() throws IOException {
            StringBuilder b = new StringBuilder();
            while (b.length() < 8192) {
                int c = in.read();
                if (c < 0) {
                    throw new EOFException("closed during the upgrade response");
                }
                b.append((char) c);
                if (b.length() >= 4 && b.substring(b.length() - 4).equals("\r\n\r\n")) {
                    return b.toString();
                }
            }
            throw new IOException("upgrade response head over 8 KiB");
        }

        private static String accept(String key) {
            try {
                MessageDigest sha1 = MessageDigest.getInstance("SHA-1");
                return Base64.getEncoder().encodeToString(sha1.digest((key + GUID).getBytes(StandardCharsets.US_ASCII)));
            } catch (NoSuchAlgorithmException e) {
                throw new IllegalStateException(e);
            }
        }

        private static byte[] maskedBinaryFrame(int size) {
            int lengthBytes = size < 126 ? 0 : size <= 0xFFFF ? 2 : 8;
            byte[] f = new byte[2 + lengthBytes + 4 + size];
            f[0] = (byte) 0x82; // FIN, binary
            int i = 2;
            if (lengthBytes == 0) {
                f[1] = (byte) (0x80 | size);
            } else if (lengthBytes == 2) {
                f[1] = (byte) (0x80 | 126);
                f[i++] = (byte) (size >>> 8);
                f[i++] = (byte) size;
            } else {
                f[1] = (byte) (0x80 | 127);
                for (int k = 7; k >= 0; k--) {
                    f[i++] = (byte) ((long) size >>> (8 * k));
                }
            }
            byte[] mask = new byte[4];
            RANDOM.nextBytes(mask);
            System.arraycopy(mask, 0, f, i, 4);
            i += 4;
            for (int k = 0; k < size; k++) {
                f[i + k] = (byte) (('a' + k % 26) ^ mask[k & 3]);
            }
            return f;
        }

        /** Sends the message and reads the echo: a binary message of the same length, in one or more frames. */
        void roundTrip() throws IOException {
            out.write(frame);
            out.flush();
            int got = 0;
            for (boolean first = true; ; first = false) {
                int b0 = read(), b1 = read();
                int opcode = b0 & 0x0F;
                if (opcode != (first ? 0x2 : 0x0) || (b1 & 0x80) != 0) {
                    throw new IOException("unexpected frame: opcode " + opcode + ", mask bit " + (b1 >>> 7));
                }
                long length = b1 & 0x7F;
                if (length == 126) {
                    length = (read() << 8) | read();
                } else if (length == 127) {
                    length = 0;
                    for (int k = 0; k < 8; k++) {
                        length = (length << 8) | read();
                    }
                }
                if (length > size - got) {
                    throw new IOException("echo longer than the message of " + size + " bytes");
                }
                if (in.readNBytes(payload, got, (int) length) != length) {
                    throw new EOFException("closed in an echo");
                }
                got += (int) length;
                if ((b0 & 0x80) != 0) { // FIN
                    break;
                }
            }
            if (got != size) {
                throw new IOException("echo of " + got + " bytes for a message of " + size);
            }
        }

        private int read() throws IOException {
            int c = in.read();
            if (c < 0) {
                throw new EOFException("closed by the server");
            }
            return c;
        }

        @Override
        public void close() throws IOException {
            try {
                out.write(new byte[] {(byte) 0x88, (byte) 0x80, 0, 0, 0, 0}); // close, masked, no body
                out.flush();
            } catch (IOException ignored) {
                // the server may already have gone; closing the socket is what matters
            } finally {
                socket.close();
            }
        }
    }
}
