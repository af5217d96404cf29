/**
 * Connection byte I/O (internal): the {@link dev.wisp.server.io.Transport} (plain or TLS), the
 * server's {@link dev.wisp.server.io.ReadinessLoop} in which connections wait for bytes, the
 * reusable per-connection read and write buffers with their published deadlines, the ASCII
 * character tables, the shared {@code Date} value, and the hook that lets the parsers build
 * {@code Headers} from fields they have already checked.
 *
 * <p>Every method runs on the connection's own virtual thread, except the volatile deadline
 * reads and {@code expire}, which the watchdog calls, and the loop's {@code ready} callback.
 */
package dev.wisp.server.io;
