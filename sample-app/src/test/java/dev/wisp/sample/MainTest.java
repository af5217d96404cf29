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
import java.util.List;
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

    @Test
    void readsThePortFromArgumentsThenEnvironment() {
        assertEquals(8080, Main.port(new String[0], null));
        assertEquals(9000, Main.port(new String[0], "9000"));
        assertEquals(9001, Main.port(new String[] {"--port", "9001"}, "9000"));
        assertEquals(9002, Main.port(new String[] {"--port=9002"}, null));
        assertEquals(0, Main.port(new String[] {"--port", "0"}, null));
        assertEquals(9003, Main.port(new String[] {"--host", "127.0.0.1", "--port", "9003"}, null));
    }

    @Test
    void readsTheHostFromArgumentsThenEnvironment() {
        assertEquals("0.0.0.0", Main.option(new String[0], "--host", null, "0.0.0.0"));
        assertEquals("127.0.0.1", Main.option(new String[0], "--host", "127.0.0.1", "0.0.0.0"));
        assertEquals("::1", Main.option(new String[] {"--host=::1", "--port", "1"}, "--host", "127.0.0.1", "0.0.0.0"));
    }

    @Test
    void explainsBadPorts() {
        var e = assertThrows(IllegalArgumentException.class, () -> Main.port(new String[] {"--port", "http"}, null));
        assertTrue(e.getMessage().contains("invalid port 'http' from --port"), e.getMessage());
        e = assertThrows(IllegalArgumentException.class, () -> Main.port(new String[0], "70000"));
        assertTrue(e.getMessage().contains("from PORT"), e.getMessage());
        assertThrows(IllegalArgumentException.class, () -> Main.port(new String[] {"--port"}, null));
        assertThrows(IllegalArgumentException.class, () -> Main.port(new String[] {"--verbose"}, null));
    }

    @Test
    void readsTheStoreOptions() {
        String[] args = {"--db", "memory", "--data-dir=/tmp/x", "--port", "1"};
        assertEquals("memory", Main.option(args, "--db", "postgresql://h/db", null));
        assertEquals("/tmp/x", Main.option(args, "--data-dir", null, null));
        assertEquals("postgresql://h/db", Main.option(new String[0], "--db", "postgresql://h/db", null));
        var e = assertThrows(IllegalArgumentException.class, () -> Main.option(new String[] {"--db"}, "--db", null, null));
        assertEquals("--db needs a value, e.g. --db memory", e.getMessage());
    }

    @Test
    void printsUsageForHelp() throws Exception {
        Process p = launch("--help");
        assertTrue(p.waitFor(30, TimeUnit.SECONDS));
        assertEquals(0, p.exitValue());
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertTrue(out.startsWith("usage: java -jar wisp-sample-app.jar [options]"), out);
        for (String option : List.of("--port", "--host", "--db", "--data-dir", "WISP_DB_URL", "WISP_DATA_DIR", "WISP_DB_USER")) {
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
        assertTrue(err.startsWith("wisp-sample-app: invalid port 'nope'"), err);
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
            p.destroy(); // SIGTERM
            assertTrue(p.waitFor(30, TimeUnit.SECONDS));
            assertEquals(0, p.exitValue());
        } finally {
            p.destroyForcibly();
        }
    }
}
