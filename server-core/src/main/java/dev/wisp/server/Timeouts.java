package dev.wisp.server;

import java.time.Duration;
import java.util.Objects;

/**
 * Time limits, all finite.
 *
 * <table>
 *   <caption>Defaults and what happens past them</caption>
 *   <tr><th>timeout</th><th>default</th><th>past it</th></tr>
 *   <tr><td>head: from a request's first byte to the end of its header section</td><td>10 s</td><td>408, close (defeats slowloris)</td></tr>
 *   <tr><td>idle: waiting for the next request on a kept-alive connection</td><td>60 s</td><td>close, silently</td></tr>
 *   <tr><td>read: between two reads of a request body</td><td>30 s</td><td>the body read fails; 408, close</td></tr>
 *   <tr><td>write: a response write that makes no progress</td><td>30 s</td><td>close (the client stopped reading)</td></tr>
 *   <tr><td>shutdownGrace: how long {@code close()} lets in-flight requests finish ({@code Duration.ZERO}: not at all)</td><td>10 s</td><td>remaining connections are closed</td></tr>
 * </table>
 *
 * <p>Writes go out in 64 KiB slices and each accepted slice counts as progress. The kernel's send
 * buffer (autotuned up to a few MiB) only takes more once about half of it has drained, so a
 * client that reads a large body slower than roughly (send buffer / 2) per write timeout — about
 * 70 KB/s with a 4 MiB buffer and the default 30 s — can be cut while still reading; raise the
 * write timeout for such clients.
 */
public record Timeouts(Duration head, Duration idle, Duration read, Duration write, Duration shutdownGrace) {

    public Timeouts {
        check("head", head);
        check("idle", idle);
        check("read", read);
        check("write", write);
        Objects.requireNonNull(shutdownGrace, "shutdownGrace");
        if (shutdownGrace.isNegative()) {
            throw new IllegalArgumentException("shutdownGrace must not be negative, got " + shutdownGrace);
        }
    }

    private static void check(String name, Duration d) {
        Objects.requireNonNull(d, name);
        if (d.isNegative() || d.isZero()) {
            throw new IllegalArgumentException(name + " timeout must be positive, got " + d);
        }
    }

    public static Timeouts defaults() {
        return new Timeouts(Duration.ofSeconds(10), Duration.ofSeconds(60), Duration.ofSeconds(30),
                Duration.ofSeconds(30), Duration.ofSeconds(10));
    }

    public Timeouts withHead(Duration d) {
        return new Timeouts(d, idle, read, write, shutdownGrace);
    }

    public Timeouts withIdle(Duration d) {
        return new Timeouts(head, d, read, write, shutdownGrace);
    }

    public Timeouts withRead(Duration d) {
        return new Timeouts(head, idle, d, write, shutdownGrace);
    }

    public Timeouts withWrite(Duration d) {
        return new Timeouts(head, idle, read, d, shutdownGrace);
    }

    public Timeouts withShutdownGrace(Duration d) {
        return new Timeouts(head, idle, read, write, d);
    }
}
