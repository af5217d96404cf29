package dev.wisp.server;

import java.util.Objects;
import java.util.Optional;

/**
 * Where the server listens and the limits it enforces. Start from {@link #defaults()} and change
 * what you need: {@code ServerConfig.defaults().withPort(8080)}.
 *
 * @param host    the address to bind; default {@code 0.0.0.0} (all interfaces)
 * @param port    the port to bind; {@link #ANY_PORT} picks a free one (see {@code Server.port()}); default 8080
 * @param backlog the accept queue length handed to the OS; default 1024
 * @param limits  sizes and counts, see {@link Limits}
 * @param timeouts time limits, see {@link Timeouts}
 * @param tls     serve HTTPS with this certificate, see {@link Tls}; default empty (plain HTTP)
 * @param http2   serve HTTP/2 too (RFC 9113): over TLS when the client offers ALPN {@code h2}, on a
 *                plain port when it starts with the HTTP/2 preface (prior knowledge); default true.
 *                {@code Upgrade: h2c} is never honoured. Its limits are {@link Limits#http2()}
 * @param trace   log every request and response head as {@code curl -v} shows them, secrets masked
 *                (logger {@code dev.wisp.server.trace}, INFO); default false, and no cost when false
 */
public record ServerConfig(String host, int port, int backlog, Limits limits, Timeouts timeouts, Optional<Tls> tls,
                           boolean http2, boolean trace) {

    /** The port that asks the OS for any free one; {@code Server.port()} then says which (tests use it). */
    public static final int ANY_PORT = 0;

    public ServerConfig {
        Objects.requireNonNull(host, "host");
        if (port < 0 || port > 65535) {
            throw new IllegalArgumentException("port must be 0..65535 (ServerConfig.ANY_PORT, 0, picks a free port), got " + port);
        }
        if (backlog <= 0) {
            throw new IllegalArgumentException("backlog must be > 0, got " + backlog);
        }
        Objects.requireNonNull(limits, "limits");
        Objects.requireNonNull(timeouts, "timeouts");
        Objects.requireNonNull(tls, "tls (Optional.empty() for plain HTTP)");
    }

    public static ServerConfig defaults() {
        return new ServerConfig("0.0.0.0", 8080, 1024, Limits.defaults(), Timeouts.defaults(), Optional.empty(), true, false);
    }

    public ServerConfig withHost(String host) {
        return new ServerConfig(host, port, backlog, limits, timeouts, tls, http2, trace);
    }

    public ServerConfig withPort(int port) {
        return new ServerConfig(host, port, backlog, limits, timeouts, tls, http2, trace);
    }

    public ServerConfig withBacklog(int backlog) {
        return new ServerConfig(host, port, backlog, limits, timeouts, tls, http2, trace);
    }

    public ServerConfig withLimits(Limits limits) {
        return new ServerConfig(host, port, backlog, limits, timeouts, tls, http2, trace);
    }

    public ServerConfig withTimeouts(Timeouts timeouts) {
        return new ServerConfig(host, port, backlog, limits, timeouts, tls, http2, trace);
    }

    /**
     * Serve HTTPS (TLS 1.3 and 1.2) on the port instead of plain HTTP. The files are read when the
     * server starts; a configuration that can't be used fails {@code Server.start} with a
     * {@link TlsConfigException} naming the file and the problem.
     */
    public ServerConfig withTls(Tls tls) {
        return new ServerConfig(host, port, backlog, limits, timeouts, Optional.of(tls), http2, trace);
    }

    /** Serve plain HTTP. */
    public ServerConfig withoutTls() {
        return new ServerConfig(host, port, backlog, limits, timeouts, Optional.empty(), http2, trace);
    }

    /** Serve HTTP/2 as well as HTTP/1.1 ({@code true}, the default), or HTTP/1.1 only. */
    public ServerConfig withHttp2(boolean enabled) {
        return new ServerConfig(host, port, backlog, limits, timeouts, tls, enabled, trace);
    }

    /**
     * Logs each request and response head, e.g. {@code > GET /api/todos HTTP/1.1} and
     * {@code < HTTP/1.1 200 OK}, with {@code Authorization}, {@code Cookie} and {@code Set-Cookie}
     * values masked: a teaching and debugging aid, too verbose for production traffic.
     */
    public ServerConfig withTrace(boolean trace) {
        return new ServerConfig(host, port, backlog, limits, timeouts, tls, http2, trace);
    }
}
