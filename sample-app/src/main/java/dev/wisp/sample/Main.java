package dev.wisp.sample;

import dev.wisp.server.Server;
import dev.wisp.server.ServerConfig;
import java.io.UncheckedIOException;
import java.util.Set;
import java.util.concurrent.CountDownLatch;
import sun.misc.Signal;

/**
 * Runs the sample app: {@code java -jar wisp-sample-app.jar [options]}, see {@link #USAGE} (also
 * printed by {@code --help}). Every option has an environment variable; the argument wins. Bad
 * values and an unreachable or unmigratable database end the process with one line on stderr and
 * a non-zero status (2 for usage, 1 for the rest). SIGTERM and Ctrl-C stop it gracefully:
 * in-flight requests finish, the store closes, then the process exits 0.
 */
public final class Main {
    private static final int DEFAULT_PORT = 8080;
    private static final Set<String> WITH_VALUE = Set.of("--port", "--host", "--db", "--data-dir", "--max-upload-bytes");

    static final String USAGE = """
            usage: java -jar wisp-sample-app.jar [options]
              --port N         port to listen on, 0 for a free one (PORT; default 8080)
              --host ADDRESS   address to bind (HOST; default 0.0.0.0, all interfaces)
              --db DB          embedded (default): H2 in the data directory; memory: lost at exit;
                               or PostgreSQL: postgresql://[user[:password]@]host[:port]/db or a
                               jdbc:postgresql:// URL (WISP_DB_URL; credentials also from
                               WISP_DB_USER and WISP_DB_PASSWORD)
              --data-dir DIR   where the embedded database lives (WISP_DATA_DIR; default ./wisp-data)
              --max-upload-bytes N
                               largest attachment in bytes (WISP_MAX_UPLOAD_BYTES; default 10485760)
              --help           print this and exit""";

    private Main() {
    }

    public static void main(String[] args) {
        // One line per log record (the JDK's default format takes two), unless configured otherwise.
        if (System.getProperty("java.util.logging.SimpleFormatter.format") == null) {
            System.setProperty("java.util.logging.SimpleFormatter.format", "%1$tF %1$tT %4$s %3$s %5$s%6$s%n");
        }
        if (contains(args, "--help") || contains(args, "-h")) {
            System.out.println(USAGE);
            System.exit(0);
            return;
        }
        int port;
        String host;
        StoreChoice choice;
        ApiSettings settings;
        try {
            port = port(args, System.getenv("PORT"));
            host = option(args, "--host", System.getenv("HOST"), "0.0.0.0");
            choice = StoreChoice.parse(option(args, "--db", System.getenv("WISP_DB_URL"), null),
                    option(args, "--data-dir", System.getenv("WISP_DATA_DIR"), null),
                    System.getenv("WISP_DB_USER"), System.getenv("WISP_DB_PASSWORD"));
            settings = ApiSettings.defaults().withMaxUploadBytes(maxUploadBytes(args, System.getenv("WISP_MAX_UPLOAD_BYTES")));
        } catch (IllegalArgumentException e) {
            System.err.println("wisp-sample-app: " + e.getMessage());
            System.exit(2);
            return;
        }
        TodoStore store;
        try {
            store = choice.open();
        } catch (StoreException e) {
            System.err.println("wisp-sample-app: " + e.getMessage());
            System.exit(1);
            return;
        }
        Server server;
        try {
            server = Server.start(settings.applyTo(ServerConfig.defaults().withHost(host).withPort(port)), TodoApp.create(store, settings));
        } catch (UncheckedIOException e) {
            store.close();
            System.err.println("wisp-sample-app: " + e.getMessage());
            System.exit(1);
            return;
        }
        System.out.println("Wisp sample app listening on http://localhost:" + server.port() + "/ (Ctrl-C to stop), store: " + choice.description());

        // Handle the signals ourselves rather than in a shutdown hook, so a graceful stop ends
        // with exit status 0 instead of the JVM's 128 + signal number.
        CountDownLatch stop = new CountDownLatch(1);
        Signal.handle(new Signal("TERM"), signal -> stop.countDown());
        Signal.handle(new Signal("INT"), signal -> stop.countDown());
        try {
            stop.await();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        server.close();
        store.close();
        System.out.println("Wisp sample app stopped");
        System.exit(0);
    }

    /** The port from {@code --port N} / {@code --port=N}, else from {@code PORT}, else 8080. */
    static int port(String[] args, String env) {
        String value = option(args, "--port", env, null);
        if (value == null) {
            return DEFAULT_PORT;
        }
        try {
            int port = Integer.parseInt(value);
            if (port >= 0 && port <= 65535) {
                return port;
            }
        } catch (NumberFormatException ignored) {
            // reported below
        }
        String source = env != null && value.equals(env.strip()) && !contains(args, "--port") ? "PORT" : "--port";
        throw new IllegalArgumentException("invalid port '" + value + "' from " + source + ": use a number from 0 to 65535 (0 picks a free port)");
    }

    /** The attachment limit from {@code --max-upload-bytes N}, else {@code WISP_MAX_UPLOAD_BYTES}, else 10 MiB. */
    static long maxUploadBytes(String[] args, String env) {
        String value = option(args, "--max-upload-bytes", env, null);
        if (value == null) {
            return ApiSettings.DEFAULT_MAX_UPLOAD_BYTES;
        }
        try {
            long bytes = Long.parseLong(value);
            if (bytes >= 1 && bytes <= ApiSettings.MAX_UPLOAD_BYTES) {
                return bytes;
            }
        } catch (NumberFormatException ignored) {
            // reported below
        }
        String source = contains(args, "--max-upload-bytes") ? "--max-upload-bytes" : "WISP_MAX_UPLOAD_BYTES";
        throw new IllegalArgumentException("invalid upload limit '" + value + "' from " + source + ": use a number of bytes from 1 to "
                + ApiSettings.MAX_UPLOAD_BYTES + ", e.g. 10485760 for 10 MiB");
    }

    /**
     * The value of {@code --name V} or {@code --name=V}, else the environment's value, else the
     * default. Rejects arguments other than the options in {@link #USAGE}.
     */
    static String option(String[] args, String name, String env, String defaultValue) {
        String value = null;
        for (int i = 0; i < args.length; i++) {
            String arg = args[i];
            String key = arg.contains("=") ? arg.substring(0, arg.indexOf('=')) : arg;
            if (!WITH_VALUE.contains(key)) {
                throw new IllegalArgumentException("unknown argument '" + arg + "'; see java -jar wisp-sample-app.jar --help");
            }
            String v;
            if (arg.contains("=")) {
                v = arg.substring(arg.indexOf('=') + 1);
            } else if (i + 1 < args.length) {
                v = args[++i];
            } else {
                throw new IllegalArgumentException(arg + " needs a value, e.g. " + arg + " " + example(arg));
            }
            if (key.equals(name)) {
                value = v;
            }
        }
        if (value == null && env != null && !env.isBlank()) {
            value = env.strip();
        }
        return value == null ? defaultValue : value;
    }

    private static String example(String option) {
        return switch (option) {
            case "--port" -> "8080";
            case "--host" -> "127.0.0.1";
            case "--db" -> "memory";
            case "--max-upload-bytes" -> "10485760";
            default -> "./wisp-data";
        };
    }

    private static boolean contains(String[] args, String name) {
        for (String arg : args) {
            if (arg.equals(name) || arg.startsWith(name + "=")) {
                return true;
            }
        }
        return false;
    }
}
