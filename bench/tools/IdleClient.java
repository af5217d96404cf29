import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

/**
 * The idle-connection scenario of bench/run.sh, as its own process (the open-file limit is per
 * process: 10 000 client sockets and the server's 10 000 can't share one).
 *
 * <pre>java IdleClient.java HOST PORT CONNECTIONS SERVER_PID DEADLINE_SECONDS [gc]</pre>
 *
 * <ol>
 *   <li>Warms the server's connection path: opens, uses and closes min(1000, N) connections.</li>
 *   <li>Reads the server's VmRSS and open file descriptors (the baseline). With {@code gc}, first
 *       asks the server's JVM for a full GC ({@code jcmd PID GC.run}), here and before the second
 *       reading, so both readings hold live memory rather than whatever garbage the requests left
 *       (the JVM gives heap back after a full GC).</li>
 *   <li>Opens N keep-alive connections, one after another; on each it sends one
 *       {@code GET /plaintext} and reads the whole response, then leaves it open and idle.</li>
 *   <li>Reads VmRSS and descriptors again, then times one request on the oldest idle connection
 *       and {@value #TIMED} requests each on a new connection while the N idle ones stay open
 *       (reported: the median and the slowest; a failed or timed-out request prints "fail").</li>
 *   <li>Reads VmHWM (the process's peak RSS), prints one {@code IDLE key=value ...} line, closes
 *       everything and exits.</li>
 * </ol>
 * Every socket operation has a 5 s timeout and the whole run has a deadline; a failure prints
 * {@code IDLE error=...} and exits 1. Loopback only: HOST must be a 127.x address.
 */
public final class IdleClient {
    private static final int TIMED = 5;
    private static final int SOCKET_TIMEOUT_MS = 5_000;
    private static final byte[] REQUEST =
            "GET /plaintext HTTP/1.1\r\nHost: bench\r\n\r\n".getBytes(StandardCharsets.US_ASCII);

    public static void main(String[] args) throws Exception {
        if (args.length != 5 && !(args.length == 6 && args[5].equals("gc"))) {
            System.err.println("usage: java IdleClient.java HOST PORT CONNECTIONS SERVER_PID DEADLINE_SECONDS [gc]");
            System.exit(2);
        }
        String host = args[0];
        if (!host.startsWith("127.")) {
            System.err.println("IdleClient only targets loopback (127.x), got " + host);
            System.exit(2);
        }
        InetSocketAddress address = new InetSocketAddress(host, Integer.parseInt(args[1]));
        int count = Integer.parseInt(args[2]);
        long pid = Long.parseLong(args[3]);
        long deadline = System.nanoTime() + Long.parseLong(args[4]) * 1_000_000_000L;
        boolean gc = args.length == 6;
        List<Socket> idle = new ArrayList<>(count);
        int opened = 0;
        try {
            for (int i = 0; i < Math.min(1000, count); i++) {
                try (Socket s = open(address)) {
                    exchange(s);
                }
                checkDeadline(deadline, "warming up");
            }
            String gcResult = gc ? fullGc(pid) : "off";
            long rssBefore = status(pid, "VmRSS");
            long fdsBefore = fds(pid);
            for (; opened < count; opened++) {
                Socket s = open(address);
                idle.add(s);
                exchange(s);
                if ((opened & 255) == 0) {
                    checkDeadline(deadline, "opening connection " + opened);
                }
            }
            if (gc) {
                gcResult = fullGc(pid).equals("ok") ? gcResult : "failed";
            }
            long rssIdle = status(pid, "VmRSS");
            long fdsIdle = fds(pid);
            // A request that fails or times out counts as infinitely slow: the median still shows
            // a figure when most succeed, and "fail" when most don't.
            double reused = timed(() -> exchange(idle.get(0)));
            double[] newConn = new double[TIMED];
            for (int i = 0; i < TIMED; i++) {
                newConn[i] = timed(() -> {
                    try (Socket s = open(address)) {
                        exchange(s);
                    }
                });
            }
            Arrays.sort(newConn);
            long hwm = status(pid, "VmHWM");
            System.out.printf("IDLE opened=%d rss_before_kb=%d rss_idle_kb=%d hwm_kb=%d fds_before=%d fds_idle=%d"
                            + " new_conn_ms=%s new_conn_max_ms=%s reused_conn_ms=%s gc=%s%n",
                    opened, rssBefore, rssIdle, hwm, fdsBefore, fdsIdle,
                    ms(newConn[TIMED / 2]), ms(newConn[TIMED - 1]), ms(reused), gcResult);
        } catch (IOException | RuntimeException e) {
            System.out.printf("IDLE error=%s opened=%d%n",
                    (e.getClass().getSimpleName() + ":" + e.getMessage()).replace(' ', '_'), opened);
            System.exit(1);
        } finally {
            for (Socket s : idle) {
                try {
                    s.close();
                } catch (IOException ignored) {
                    // closing; nothing to do
                }
            }
        }
    }

    interface Exchange {
        void run() throws IOException;
    }

    /** Milliseconds the exchange took, or infinity if it failed (timeout, reset, not 200). */
    private static double timed(Exchange exchange) {
        long t0 = System.nanoTime();
        try {
            exchange.run();
            return (System.nanoTime() - t0) / 1e6;
        } catch (IOException e) {
            System.err.println("timed request failed: " + e);
            return Double.POSITIVE_INFINITY;
        }
    }

    private static String ms(double value) {
        return Double.isInfinite(value) ? "fail" : String.format(java.util.Locale.ROOT, "%.3f", value);
    }

    /**
     * Runs {@code jcmd PID GC.run} with the jcmd beside this JVM's java (same JDK as the server's
     * in run.sh); "ok", or "failed" (and why, on stderr) so the caller can say the reading is raw.
     */
    private static String fullGc(long pid) {
        Path javaBin = Path.of(ProcessHandle.current().info().command().orElse("java"));
        Path jcmd = javaBin.resolveSibling("jcmd");
        try {
            Process p = new ProcessBuilder(jcmd.toString(), Long.toString(pid), "GC.run")
                    .redirectErrorStream(true).redirectOutput(ProcessBuilder.Redirect.DISCARD).start();
            if (!p.waitFor(30, TimeUnit.SECONDS)) {
                p.destroyForcibly();
                System.err.println("jcmd GC.run took over 30 s; reading RSS without it");
                return "failed";
            }
            if (p.exitValue() != 0) {
                System.err.println("jcmd GC.run exited with " + p.exitValue() + "; reading RSS without it");
                return "failed";
            }
            return "ok";
        } catch (IOException e) {
            System.err.println("cannot run " + jcmd + ": " + e.getMessage() + "; reading RSS without a GC");
            return "failed";
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return "failed";
        }
    }

    private static Socket open(InetSocketAddress address) throws IOException {
        Socket s = new Socket();
        s.setTcpNoDelay(true);
        s.setSoTimeout(SOCKET_TIMEOUT_MS);
        s.connect(address, SOCKET_TIMEOUT_MS);
        return s;
    }

    /** Sends one request and reads the whole response (Content-Length framed; 200 expected). */
    private static void exchange(Socket s) throws IOException {
        OutputStream out = s.getOutputStream();
        out.write(REQUEST);
        out.flush();
        InputStream in = s.getInputStream();
        byte[] buf = new byte[4096];
        int len = 0;
        int headEnd;
        while ((headEnd = indexOf(buf, len)) < 0) {
            if (len == buf.length) {
                throw new IOException("response head longer than " + buf.length + " bytes");
            }
            int n = in.read(buf, len, buf.length - len);
            if (n < 0) {
                throw new IOException("connection closed before the response head ended");
            }
            len += n;
        }
        String head = new String(buf, 0, headEnd, StandardCharsets.ISO_8859_1);
        if (!head.startsWith("HTTP/1.1 200")) {
            throw new IOException("expected 200, got: " + head.lines().findFirst().orElse(""));
        }
        long contentLength = -1;
        for (String line : head.split("\r\n")) {
            int colon = line.indexOf(':');
            if (colon > 0 && line.substring(0, colon).trim().equalsIgnoreCase("Content-Length")) {
                contentLength = Long.parseLong(line.substring(colon + 1).trim());
            }
        }
        if (contentLength < 0) {
            throw new IOException("response to GET /plaintext has no Content-Length");
        }
        long remaining = contentLength - (len - (headEnd + 4));
        while (remaining > 0) {
            int n = in.read(buf, 0, (int) Math.min(buf.length, remaining));
            if (n < 0) {
                throw new IOException("connection closed inside the response body");
            }
            remaining -= n;
        }
    }

    private static int indexOf(byte[] b, int len) {
        for (int i = 0; i + 3 < len; i++) {
            if (b[i] == '\r' && b[i + 1] == '\n' && b[i + 2] == '\r' && b[i + 3] == '\n') {
                return i;
            }
        }
        return -1;
    }

    private static void checkDeadline(long deadline, String doing) throws IOException {
        if (System.nanoTime() > deadline) {
            throw new IOException("deadline passed while " + doing);
        }
    }

    /** A "VmXxx:   1234 kB" line of /proc/PID/status, in kB. */
    private static long status(long pid, String key) throws IOException {
        for (String line : Files.readAllLines(Path.of("/proc", Long.toString(pid), "status"))) {
            if (line.startsWith(key + ":")) {
                return Long.parseLong(line.substring(key.length() + 1).replace("kB", "").trim());
            }
        }
        throw new IOException(key + " not in /proc/" + pid + "/status");
    }

    private static long fds(long pid) throws IOException {
        try (Stream<Path> list = Files.list(Path.of("/proc", Long.toString(pid), "fd"))) {
            return list.count();
        }
    }
}
