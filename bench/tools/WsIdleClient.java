import java.io.DataInputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.TimeUnit;

/**
 * Idle WebSocket sessions: what each costs the server, and how fast a new message goes through
 * with them open. Its own process, as IdleClient (the open-file limit is per process).
 *
 * <pre>java WsIdleClient.java HOST PORT SESSIONS SERVER_PID DEADLINE_SECONDS [HOLD_SECONDS]</pre>
 *
 * <ol>
 *   <li>Warms the upgrade path: min(1000, N) sessions opened, one message echoed, closed.</li>
 *   <li>Baseline: the server's live heap ({@code jcmd PID GC.class_histogram}, which runs a full GC
 *       and totals the live objects) and then its VmRSS.</li>
 *   <li>Opens N sessions on {@code /ws/echo}, one after another: handshake, one 2-byte text
 *       message echoed, then left idle.</li>
 *   <li>The same two readings; then the round trip of a 64-byte message on 5 of the idle sessions
 *       and of a whole new session (handshake + message) 5 times: median and slowest.</li>
 *   <li>Prints one {@code WSIDLE key=value ...} line, keeps the sessions open HOLD_SECONDS more (0
 *       unless given: time to look at the server with jcmd), closes everything, exits.</li>
 * </ol>
 * Every socket read has a 5 s timeout and the run a deadline; a failure prints
 * {@code WSIDLE error=...} and exits 1. Loopback only. The server's pings (every 30 s by default)
 * are left unread in the socket: they cost the kernel, not the server's heap.
 */
public final class WsIdleClient {
    private static final int TIMED = 5;
    private static final String KEY = "dGhlIHNhbXBsZSBub25jZQ==";
    private static final String HANDSHAKE = "GET /ws/echo HTTP/1.1\r\nHost: bench\r\nUpgrade: websocket\r\n"
            + "Connection: Upgrade\r\nSec-WebSocket-Key: " + KEY + "\r\nSec-WebSocket-Version: 13\r\n\r\n";

    public static void main(String[] args) throws Exception {
        if (args.length < 5 || args.length > 6 || !args[0].startsWith("127.")) {
            System.err.println("usage: java WsIdleClient.java 127.x.x.x PORT SESSIONS SERVER_PID DEADLINE_SECONDS [HOLD_SECONDS]");
            System.exit(2);
        }
        InetSocketAddress address = new InetSocketAddress(args[0], Integer.parseInt(args[1]));
        int count = Integer.parseInt(args[2]);
        long pid = Long.parseLong(args[3]);
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(Long.parseLong(args[4]));
        List<Session> idle = new ArrayList<>(count);
        try {
            for (int i = 0; i < Math.min(1000, count); i++) {
                try (Session s = Session.open(address)) {
                    s.echo(2);
                }
                check(deadline, "warming up");
            }
            long heapBefore = liveHeapBytes(pid);
            long rssBefore = status(pid, "VmRSS");
            for (int i = 0; i < count; i++) {
                Session s = Session.open(address);
                idle.add(s);
                s.echo(2);
                if ((i & 255) == 0) {
                    check(deadline, "opening session " + i);
                }
            }
            long heapIdle = liveHeapBytes(pid);
            long rssIdle = status(pid, "VmRSS");
            double[] message = new double[TIMED];
            double[] fresh = new double[TIMED];
            for (int i = 0; i < TIMED; i++) {
                Session s = idle.get(i * (count / TIMED));
                message[i] = timed(() -> s.echo(64));
                fresh[i] = timed(() -> {
                    try (Session n = Session.open(address)) {
                        n.echo(64);
                    }
                });
            }
            Arrays.sort(message);
            Arrays.sort(fresh);
            System.out.printf(Locale.ROOT, "WSIDLE sessions=%d heap_before_kb=%d heap_idle_kb=%d heap_per_session_kib=%.2f"
                            + " rss_before_kb=%d rss_idle_kb=%d rss_per_session_kib=%.2f message_ms=%.3f message_max_ms=%.3f"
                            + " new_session_ms=%.3f new_session_max_ms=%.3f%n",
                    count, heapBefore / 1024, heapIdle / 1024, (heapIdle - heapBefore) / 1024.0 / count,
                    rssBefore, rssIdle, (rssIdle - rssBefore) / (double) count,
                    message[TIMED / 2], message[TIMED - 1], fresh[TIMED / 2], fresh[TIMED - 1]);
            System.out.flush();
            if (args.length == 6) {
                Thread.sleep(TimeUnit.SECONDS.toMillis(Long.parseLong(args[5])));
            }
        } catch (IOException | RuntimeException e) {
            System.out.printf("WSIDLE error=%s opened=%d%n", (e.getClass().getSimpleName() + ":" + e.getMessage())
                    .replace(' ', '_'), idle.size());
            System.exit(1);
        } finally {
            for (Session s : idle) {
                s.close();
            }
        }
    }

    interface Step {
        void run() throws IOException;
    }

    private static double timed(Step step) throws IOException {
        long t0 = System.nanoTime();
        step.run();
        return (System.nanoTime() - t0) / 1e6;
    }

    private static void check(long deadline, String doing) {
        if (System.nanoTime() - deadline > 0) {
            throw new IllegalStateException("deadline passed while " + doing);
        }
    }

    /** One client session on a blocking socket: masked text frames out, the echo read back. */
    static final class Session implements AutoCloseable {
        private final Socket socket;
        private final DataInputStream in;
        private final OutputStream out;

        private Session(Socket socket) throws IOException {
            this.socket = socket;
            this.in = new DataInputStream(socket.getInputStream());
            this.out = socket.getOutputStream();
        }

        static Session open(InetSocketAddress address) throws IOException {
            Socket s = new Socket();
            s.setTcpNoDelay(true);
            s.setSoTimeout(5_000);
            s.connect(address, 5_000);
            Session session = new Session(s);
            session.out.write(HANDSHAKE.getBytes(StandardCharsets.US_ASCII));
            session.out.flush();
            StringBuilder head = new StringBuilder();
            while (head.length() < 4 || !head.substring(head.length() - 4).equals("\r\n\r\n")) {
                int b = session.in.read();
                if (b < 0 || head.length() > 4096) {
                    throw new IOException("no complete 101 head: " + head);
                }
                head.append((char) b);
            }
            if (!head.toString().startsWith("HTTP/1.1 101 ")) {
                throw new IOException("expected 101, got: " + head.toString().lines().findFirst().orElse(""));
            }
            return session;
        }

        /** Sends a text message of {@code size} (< 126) bytes and reads frames until its echo; pings are skipped. */
        void echo(int size) throws IOException {
            byte[] frame = new byte[6 + size];
            frame[0] = (byte) 0x81;
            frame[1] = (byte) (0x80 | size);
            // Mask key 0: the payload goes out as is (RFC 6455 §5.3 only asks that a mask be present).
            Arrays.fill(frame, 6, frame.length, (byte) 'x');
            out.write(frame);
            out.flush();
            while (true) {
                int b0 = in.readUnsignedByte();
                int len = in.readUnsignedByte() & 0x7f;
                if (len >= 126) {
                    throw new IOException("unexpected long frame");
                }
                in.skipNBytes(len);
                if ((b0 & 0x0f) == 1) {
                    if (len != size) {
                        throw new IOException("echo of " + len + " bytes, sent " + size);
                    }
                    return;
                }
            }
        }

        @Override
        public void close() {
            try {
                socket.close();
            } catch (IOException ignored) {
                // closing; nothing to do
            }
        }
    }

    private static long liveHeapBytes(long pid) throws IOException {
        String out = jcmd(pid, "GC.class_histogram");
        String[] lines = out.strip().split("\n");
        String[] total = lines[lines.length - 1].trim().split("\\s+");
        if (!total[0].equals("Total")) {
            throw new IOException("no Total line in the class histogram");
        }
        return Long.parseLong(total[2]);
    }

    private static String jcmd(long pid, String command) throws IOException {
        Path jcmd = Path.of(ProcessHandle.current().info().command().orElse("java")).resolveSibling("jcmd");
        Process p = new ProcessBuilder(jcmd.toString(), Long.toString(pid), command).redirectErrorStream(true).start();
        try {
            String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            if (!p.waitFor(60, TimeUnit.SECONDS) || p.exitValue() != 0) {
                throw new IOException("jcmd " + command + " failed: " + out);
            }
            return out;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException("interrupted", e);
        }
    }

    /** A field of /proc/PID/status in kB. */
    private static long status(long pid, String field) throws IOException {
        for (String line : Files.readAllLines(Path.of("/proc/" + pid + "/status"))) {
            if (line.startsWith(field + ":")) {
                return Long.parseLong(line.substring(field.length() + 1).replace("kB", "").trim());
            }
        }
        throw new IOException(field + " not in /proc/" + pid + "/status");
    }
}
