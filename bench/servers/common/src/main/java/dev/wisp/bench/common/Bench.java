package dev.wisp.bench.common;

import java.nio.charset.StandardCharsets;
import tools.jackson.databind.json.JsonMapper;

/**
 * What every benchmark server shares, so the servers differ only in the HTTP stack:
 * the plaintext bytes, the JSON message and how it is serialized, and how the port is chosen.
 *
 * <p>The endpoints, identical on every server:
 * <ul>
 *   <li>{@code GET /plaintext} → 200 {@code Hello, World!} as {@code text/plain}</li>
 *   <li>{@code GET /json} → 200 {@code {"message":"Hello, World!"}} as {@code application/json},
 *       serialized per request with the one shared {@link JsonMapper} (as TechEmpower's JSON test
 *       asks: a new object each time, no cached bytes)</li>
 *   <li>{@code POST /echo} → 200 with the request body streamed back and the request's
 *       {@code Content-Type}</li>
 * </ul>
 * Every server listens on 127.0.0.1 only: the benchmark never leaves loopback.
 */
public final class Bench {
    public static final String HOST = "127.0.0.1";
    public static final byte[] HELLO = "Hello, World!".getBytes(StandardCharsets.US_ASCII);
    public static final String TEXT_PLAIN = "text/plain";
    public static final String APPLICATION_JSON = "application/json";
    public static final String OCTET_STREAM = "application/octet-stream";
    /** {@code GET /download}: 1 MiB of {@code application/octet-stream}, the HTTP/2 download scenario's body. */
    public static final byte[] DOWNLOAD = download();

    /** Configured once, as a real application would; Jackson caches its serializers per type. */
    private static final JsonMapper MAPPER = JsonMapper.builder().build();

    /** The JSON body: the record is built per request, like an application's response object. */
    public record Message(String message) {}

    private Bench() {}

    private static byte[] download() {
        byte[] b = new byte[1 << 20];
        for (int i = 0; i < b.length; i++) {
            b[i] = (byte) ('a' + i % 26); // fixed bytes: no server here compresses
        }
        return b;
    }

    /** A fresh {@link Message} serialized to UTF-8 bytes. */
    public static byte[] json() {
        return MAPPER.writeValueAsBytes(new Message("Hello, World!"));
    }

    /**
     * The port to listen on: {@code --port N}, a bare {@code N}, or the {@code PORT} environment
     * variable, in that order. Fails with a message saying how to pass one.
     */
    public static int port(String[] args) {
        String value = null;
        for (int i = 0; i < args.length; i++) {
            if (args[i].equals("--port") && i + 1 < args.length) {
                value = args[++i];
            } else if (args[i].startsWith("--port=")) {
                value = args[i].substring("--port=".length());
            } else if (args[i].startsWith("--") && !args[i].contains("=")) {
                i++; // another option's value (see option), not a port
            } else if (!args[i].startsWith("-")) {
                value = args[i];
            }
        }
        if (value == null) {
            value = System.getenv("PORT");
        }
        if (value == null) {
            throw new IllegalArgumentException("No port given: pass --port N (or set PORT=N)");
        }
        try {
            int port = Integer.parseInt(value.trim());
            if (port < 1 || port > 65535) {
                throw new NumberFormatException();
            }
            return port;
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("Port must be a number from 1 to 65535, got '" + value + "'");
        }
    }

    /**
     * The value of {@code --name V} or {@code --name=V}, or null when absent. The peers take their
     * optional listeners this way: {@code --tls-port N --cert FILE --key FILE} (HTTPS),
     * {@code --h2c-port N} (HTTP/2 with prior knowledge), {@code --ws-port N} (WebSocket echo).
     */
    public static String option(String[] args, String name) {
        for (int i = 0; i < args.length; i++) {
            if (args[i].equals(name) && i + 1 < args.length) {
                return args[i + 1];
            }
            if (args[i].startsWith(name + "=")) {
                return args[i].substring(name.length() + 1);
            }
        }
        return null;
    }

    /** {@link #option} as a port number, or -1 when absent. */
    public static int portOption(String[] args, String name) {
        String v = option(args, name);
        return v == null ? -1 : port(new String[] {"--port", v});
    }

    /** Printed once the server accepts connections; run.sh still polls with curl for the first 200. */
    public static void ready(String server, int port, String detail) {
        System.out.println("READY server=" + server + " port=" + port + (detail.isEmpty() ? "" : " " + detail)
                + " java=" + Runtime.version() + " cpus=" + Runtime.getRuntime().availableProcessors());
    }
}
