package dev.wisp.sample;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/** The sample app as a process: arguments, start-up errors and a graceful stop on SIGTERM. */
@Timeout(value = 60, unit = TimeUnit.SECONDS)
class MainTest {
    @TempDir
    static Path dataDir;

    private static Options parse(Map<String, String> env, String... args) {
        return Options.parse(args, env);
    }

    @Test
    void readsThePortFromArgumentsThenEnvironment() {
        assertEquals(8080, parse(Map.of()).port());
        assertEquals(9000, parse(Map.of("PORT", "9000")).port());
        assertEquals(9001, parse(Map.of("PORT", "9000"), "--port", "9001").port());
        assertEquals(9002, parse(Map.of(), "--port=9002").port());
        assertEquals(0, parse(Map.of(), "--port", "0").port());
        assertEquals(9003, parse(Map.of(), "--host", "127.0.0.1", "--port", "9003").port());
    }

    @Test
    void readsTheHostFromArgumentsThenEnvironment() {
        assertEquals("0.0.0.0", parse(Map.of()).host());
        assertEquals("127.0.0.1", parse(Map.of("HOST", "127.0.0.1")).host());
        assertEquals("::1", parse(Map.of("HOST", "127.0.0.1"), "--host=::1", "--port", "1").host());
    }

    @Test
    void explainsBadValuesInOneLineNamingTheFlagOrVariable() {
        var e = assertThrows(IllegalArgumentException.class, () -> parse(Map.of(), "--port", "http"));
        assertEquals("invalid --port 'http': use a number from 0 to 65535 (0 picks a free port)", e.getMessage());
        e = assertThrows(IllegalArgumentException.class, () -> parse(Map.of("PORT", "70000")));
        assertTrue(e.getMessage().startsWith("invalid PORT '70000'"), e.getMessage());
        e = assertThrows(IllegalArgumentException.class, () -> parse(Map.of(), "--port"));
        assertEquals("--port needs a value: --port N", e.getMessage());
        e = assertThrows(IllegalArgumentException.class, () -> parse(Map.of(), "--verbose"));
        assertTrue(e.getMessage().startsWith("unknown argument '--verbose'"), e.getMessage());
        e = assertThrows(IllegalArgumentException.class, () -> parse(Map.of(), "--drain-delay", "soon"));
        assertEquals("invalid --drain-delay 'soon': use a whole number of seconds from 0 to 3600", e.getMessage());
        e = assertThrows(IllegalArgumentException.class, () -> parse(Map.of("WISP_DRAIN_DELAY", "-1")));
        assertTrue(e.getMessage().startsWith("invalid WISP_DRAIN_DELAY '-1'"), e.getMessage());
        e = assertThrows(IllegalArgumentException.class, () -> parse(Map.of(), "--trusted-proxies", "10.0.0.0/33"));
        assertTrue(e.getMessage().startsWith("invalid --trusted-proxies '10.0.0.0/33': use CIDR blocks"), e.getMessage());
        e = assertThrows(IllegalArgumentException.class, () -> parse(Map.of("WISP_TRACE", "maybe")));
        assertEquals("invalid WISP_TRACE 'maybe': use 1, true, 0 or false", e.getMessage());
        e = assertThrows(IllegalArgumentException.class, () -> parse(Map.of(), "--tls-cert", "cert.pem"));
        assertTrue(e.getMessage().startsWith("--tls-cert and --tls-key go together"), e.getMessage());
    }

    @Test
    void readsTheOperationsOptions() {
        Options defaults = parse(Map.of());
        assertEquals(Duration.ZERO, defaults.drainDelay());
        assertEquals(List.of("127.0.0.0/8", "::1"), defaults.trustedProxies());
        assertFalse(defaults.trace());
        assertEquals(null, defaults.tlsCert());
        Options o = parse(Map.of("WISP_TRACE", "1", "WISP_DRAIN_DELAY", "5", "WISP_TLS_KEY", "k.pem"),
                "--trusted-proxies", "10.0.0.0/8, fd00::/8", "--tls-cert=c.pem", "--drain-delay", "7");
        assertEquals(Duration.ofSeconds(7), o.drainDelay());
        assertEquals(List.of("10.0.0.0/8", "fd00::/8"), o.trustedProxies());
        assertTrue(o.trace());
        assertEquals(Path.of("c.pem"), o.tlsCert());
        assertEquals(Path.of("k.pem"), o.tlsKey());
        assertTrue(parse(Map.of(), "--trace").trace());
    }

    @Test
    void readsTheStoreOptions() {
        Options o = parse(Map.of("WISP_DB_URL", "postgresql://h/db"), "--db", "memory", "--data-dir=/tmp/x", "--port", "1");
        assertEquals("memory", o.db());
        assertEquals("/tmp/x", o.dataDir());
        assertEquals("postgresql://h/db", parse(Map.of("WISP_DB_URL", "postgresql://h/db")).db());
        var e = assertThrows(IllegalArgumentException.class, () -> parse(Map.of(), "--db"));
        assertEquals("--db needs a value: --db DB", e.getMessage());
    }

    @Test
    void printsUsageForHelp() throws Exception {
        Process p = launch("--help");
        assertTrue(p.waitFor(30, TimeUnit.SECONDS));
        assertEquals(0, p.exitValue());
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertTrue(out.startsWith("usage: java -jar wisp-sample-app.jar [options]"), out);
        for (String option : List.of("--port", "--host", "--db", "--data-dir", "WISP_DB_URL", "WISP_DATA_DIR", "WISP_DB_USER",
                "--drain-delay", "WISP_DRAIN_DELAY", "--trusted-proxies", "WISP_TRUSTED_PROXIES", "--trace", "WISP_TRACE",
                "--tls-cert", "WISP_TLS_CERT", "--tls-key", "WISP_TLS_KEY")) {
            assertTrue(out.contains(option), option + " in " + out);
        }
    }

    @Test
    void failsWithOneLineOnABadDatabaseValue() throws Exception {
        Process p = launch("--db", "mysql://localhost/todos");
        assertTrue(p.waitFor(30, TimeUnit.SECONDS));
        assertEquals(2, p.exitValue());
        String err = new String(p.getErrorStream().readAllBytes(), StandardCharsets.UTF_8).strip();
        assertEquals(1, err.lines().count(), err);
        assertTrue(err.startsWith("wisp-sample-app: invalid database 'mysql://localhost/todos'"), err);
    }

    @Test
    void failsWithOneLineWhenTheDatabaseIsUnreachable() throws Exception {
        int port;
        try (ServerSocket free = new ServerSocket(0)) {
            port = free.getLocalPort(); // nothing listens there once closed
        }
        Process p = launch("--db", "postgresql://127.0.0.1:" + port + "/todos");
        assertTrue(p.waitFor(30, TimeUnit.SECONDS));
        assertEquals(1, p.exitValue());
        String err = new String(p.getErrorStream().readAllBytes(), StandardCharsets.UTF_8).strip();
        assertEquals(1, err.lines().count(), err);
        assertTrue(err.startsWith("wisp-sample-app: cannot connect to the database at jdbc:postgresql://127.0.0.1:" + port + "/todos: "), err);
    }

    @Test
    void failsWithOneLineOnAnUnusableTlsCertificate() throws Exception {
        Path key = java.nio.file.Files.writeString(dataDir.resolve("key.pem"), "not a key");
        Process p = launch("--db", "memory", "--port", "0", "--tls-cert", dataDir.resolve("missing.pem").toString(),
                "--tls-key", key.toString());
        assertTrue(p.waitFor(30, TimeUnit.SECONDS));
        assertEquals(2, p.exitValue());
        String err = new String(p.getErrorStream().readAllBytes(), StandardCharsets.UTF_8).strip();
        assertEquals(1, err.lines().count(), err);
        assertTrue(err.startsWith("wisp-sample-app: TLS certificate file " + dataDir.resolve("missing.pem") + ": no such file"),
                err);
    }

    private static Process launch(String... args) throws IOException {
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        List<String> command = new java.util.ArrayList<>(List.of(java, "-cp", System.getProperty("java.class.path"), Main.class.getName()));
        command.addAll(List.of(args));
        ProcessBuilder pb = new ProcessBuilder(command);
        pb.environment().remove("PORT");
        pb.environment().remove("WISP_DB_URL");
        // The embedded database goes to a fresh directory, not ./wisp-data of the build.
        pb.environment().put("WISP_DATA_DIR", dataDir.toString());
        return pb.start();
    }

    @Test
    void failsWithOneLineAndNonZeroExitOnABadPort() throws Exception {
        Process p = launch("--port", "nope");
        assertTrue(p.waitFor(30, TimeUnit.SECONDS));
        assertEquals(2, p.exitValue());
        String err = new String(p.getErrorStream().readAllBytes(), StandardCharsets.UTF_8).strip();
        assertEquals(1, err.lines().count(), err);
        assertTrue(err.startsWith("wisp-sample-app: invalid --port 'nope'"), err);
    }

    @Test
    void failsWithOneLineAndNonZeroExitWhenThePortIsTaken() throws Exception {
        try (ServerSocket taken = new ServerSocket(0)) {
            Process p = launch("--port", String.valueOf(taken.getLocalPort()));
            assertTrue(p.waitFor(30, TimeUnit.SECONDS));
            assertEquals(1, p.exitValue());
            String err = new String(p.getErrorStream().readAllBytes(), StandardCharsets.UTF_8).strip();
            assertTrue(err.lines().anyMatch(l -> l.startsWith("wisp-sample-app: Cannot listen on")), err);
            assertFalse(err.contains("\tat "), "no stack trace: " + err);
        }
    }

    @Test
    void servesAndStopsGracefullyOnSigterm() throws Exception {
        Process p = launch("--port", "0", "--host", "127.0.0.1");
        try {
            BufferedReader out = new BufferedReader(new InputStreamReader(p.getInputStream(), StandardCharsets.UTF_8));
            String line = out.readLine(); // blocks until the app says where it listens (bounded by @Timeout)
            Matcher m = Pattern.compile("http://localhost:(\\d+)/").matcher(line == null ? "" : line);
            assertTrue(m.find(), "start-up line with the URL: " + line);
            HttpClient client = HttpClient.newHttpClient();
            HttpResponse<String> health = client.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + m.group(1) + "/health")).build(),
                    HttpResponse.BodyHandlers.ofString());
            assertEquals(200, health.statusCode());
            String metrics = client.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + m.group(1) + "/metrics")).build(),
                    HttpResponse.BodyHandlers.ofString()).body();
            assertTrue(metrics.contains("hikaricp_connections_active{pool=\"wisp-db\"}"), "the database pool's gauges");
            assertTrue(metrics.contains("wisp_server_connections_open"), "the server's gauges");
            p.destroy(); // SIGTERM
            assertTrue(p.waitFor(30, TimeUnit.SECONDS));
            assertEquals(0, p.exitValue());
        } finally {
            p.destroyForcibly();
        }
    }

    @Test
    void drainsOnSigtermWithReadyAt503ThenExitsZero() throws Exception {
        Process p = launch("--port", "0", "--host", "127.0.0.1", "--drain-delay", "5", "--db", "memory");
        try {
            BufferedReader out = new BufferedReader(new InputStreamReader(p.getInputStream(), StandardCharsets.UTF_8));
            String line = out.readLine();
            Matcher m = Pattern.compile("http://localhost:(\\d+)/").matcher(line == null ? "" : line);
            assertTrue(m.find(), "start-up line with the URL: " + line);
            String base = "http://127.0.0.1:" + m.group(1);
            HttpClient client = HttpClient.newHttpClient();
            assertEquals(200, status(client, base + "/ready"));
            p.toHandle().destroy(); // SIGTERM (Process.destroy() would also close our end of its output)
            // The app says when the drain starts; from then on /ready is 503 and the API still answers.
            assertEquals("Wisp sample app draining for 5 s (/ready answers 503)", out.readLine());
            assertEquals(503, status(client, base + "/ready"));
            assertEquals(200, status(client, base + "/api/todos"));
            assertTrue(p.waitFor(30, TimeUnit.SECONDS));
            assertEquals(0, p.exitValue());
        } finally {
            p.destroyForcibly();
        }
    }

    private static int status(HttpClient client, String url) throws Exception {
        return client.send(HttpRequest.newBuilder(URI.create(url)).build(), HttpResponse.BodyHandlers.discarding()).statusCode();
    }
}
