package dev.wisp.sample;

import dev.wisp.server.Server;
import dev.wisp.server.ServerConfig;
import java.io.UncheckedIOException;
import java.util.concurrent.CountDownLatch;
import sun.misc.Signal;

/**
 * Runs the sample app: {@code java -jar wisp-sample-app.jar [--port N] [--host ADDRESS]}, or the
 * {@code PORT} and {@code HOST} environment variables; defaults 8080 and 0.0.0.0 (all interfaces). SIGTERM and Ctrl-C stop it gracefully: in-flight requests
 * finish, then the process exits 0.
 */
public final class Main {
    private static final int DEFAULT_PORT = 8080;

    private Main() {
    }

    public static void main(String[] args) {
        // One line per log record (the JDK's default format takes two), unless configured otherwise.
        if (System.getProperty("java.util.logging.SimpleFormatter.format") == null) {
            System.setProperty("java.util.logging.SimpleFormatter.format", "%1$tF %1$tT %4$s %3$s %5$s%6$s%n");
        }
        int port;
        String host;
        try {
            port = port(args, System.getenv("PORT"));
            host = option(args, "--host", System.getenv("HOST"), "0.0.0.0");
        } catch (IllegalArgumentException e) {
            System.err.println("wisp-sample-app: " + e.getMessage());
            System.exit(2);
            return;
        }
        Server server;
        try {
            server = Server.start(ServerConfig.defaults().withHost(host).withPort(port), TodoApp.create(new InMemoryTodoStore()));
        } catch (UncheckedIOException e) {
            System.err.println("wisp-sample-app: " + e.getMessage());
            System.exit(1);
            return;
        }
        System.out.println("Wisp sample app listening on http://localhost:" + server.port() + "/ (Ctrl-C to stop)");

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

    /**
     * The value of {@code --name V} or {@code --name=V}, else the environment's value, else the
     * default. Rejects arguments other than {@code --port} and {@code --host}.
     */
    static String option(String[] args, String name, String env, String defaultValue) {
        String value = null;
        for (int i = 0; i < args.length; i++) {
            String arg = args[i];
            String key = arg.contains("=") ? arg.substring(0, arg.indexOf('=')) : arg;
            if (!key.equals("--port") && !key.equals("--host")) {
                throw new IllegalArgumentException("unknown argument '" + arg + "'; usage: java -jar wisp-sample-app.jar [--port N] [--host ADDRESS]");
            }
            String v;
            if (arg.contains("=")) {
                v = arg.substring(arg.indexOf('=') + 1);
            } else if (i + 1 < args.length) {
                v = args[++i];
            } else {
                throw new IllegalArgumentException(arg + " needs a value, e.g. " + arg + (arg.equals("--port") ? " 8080" : " 127.0.0.1"));
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

    private static boolean contains(String[] args, String name) {
        for (String arg : args) {
            if (arg.equals(name) || arg.startsWith(name + "=")) {
                return true;
            }
        }
        return false;
    }
}
