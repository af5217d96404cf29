package dev.wisp.server.http2;

import dev.wisp.server.ConnectionInfo;
import dev.wisp.server.Http2Limits;
import dev.wisp.server.ServerConfig;
import dev.wisp.server.core.Connection;
import dev.wisp.server.core.Exchange;
import dev.wisp.server.io.Transport;
import java.io.IOException;
import java.io.InputStream;
import java.lang.System.Logger.Level;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;

/**
 * One HTTP/2 connection (RFC 9113). Its virtual thread is the only reader: it reads frames,
 * decodes header blocks in order and starts one virtual thread per stream ({@link Http2Stream}),
 * which runs the shared {@link Exchange}. The {@link Http2Writer} owns the output. This class
 * holds what the reader and the streams share: the streams, the flow-control windows
 * ({@link Http2Flow}), timeouts and shutdown.
 *
 * <p><b>Timeouts</b> (published to the watchdog through {@link #readDeadlineNanos}): the preface
 * and any header block must arrive within the head timeout (a slow one is closed); with no stream
 * running the connection is closed after the idle timeout with GOAWAY NO_ERROR. Streams enforce
 * their own: a body read waits at most the read timeout (408), and a stream that waits for window
 * credit longer than the write timeout is reset with CANCEL — a client that never opens its
 * window pins neither memory nor a thread, and the connection's other streams go on. A socket
 * write that stops moving is the watchdog's: the connection is closed.
 *
 * <p><b>Shutdown.</b> {@link #beginShutdown} sends GOAWAY with the last stream id taken (one
 * step: the id is read under the same lock that admits streams, so no stream above it is ever
 * processed), refuses later streams with REFUSED_STREAM, and closes once the running streams end;
 * an idle connection closes at once. {@link #kill} closes and interrupts every stream's thread.
 */
public final class Http2Connection implements Connection {
    private static final System.Logger LOG = System.getLogger("dev.wisp.server");
    private static final int READ_BUFFER = 8 * 1024;
    private static final long LINGER_NANOS = java.util.concurrent.TimeUnit.SECONDS.toNanos(1);
    private static final int LINGER_BYTES = 1 << 20;

    final Http2Limits limits;
    final ConnectionInfo info;
    final long maxBodyBytes;
    final long readTimeoutNanos;
    final ClosedStreams closed = new ClosedStreams();
    final Map<Integer, Http2Stream> streams = new ConcurrentHashMap<>();
    /** Streams whose thread is still running, reset or not: what the concurrency limit counts. */
    final AtomicInteger running = new AtomicInteger();
    /**
     * Streams whose response has not ended: what the concurrency limit counts. A stream gives its
     * slot back just before its last frame is queued, so a client that sees the stream end may
     * open another at once; a stream the client reset keeps its slot until its handler ends.
     */
    final AtomicInteger slots = new AtomicInteger();
    /** The same streams, for {@link #kill}. */
    final java.util.Set<Http2Stream> active = ConcurrentHashMap.newKeySet();
    /** Admits streams and begins the shutdown, so GOAWAY's last stream id is exact. */
    final ReentrantLock streamLock = new ReentrantLock();
    private final Condition allDone = streamLock.newCondition();
    /** The highest stream id the client has opened; written by the reader under {@link #streamLock}. */
    volatile int highestStreamId;
    private final Exchange exchange;
    private final Transport transport;
    private final Http2Writer writer;
    /** The flow-control windows, send and receive (RFC 9113 §6.9). */
    final Http2Flow flow;
    private final long headNanos;
    private final long idleNanos;
    private volatile boolean shutdown;
    private volatile boolean failed;
    private volatile boolean reading;
    private volatile long headDeadline;
    private volatile long idleSince;
    private volatile long expired;
    private volatile long lingerDeadline;
    private volatile Thread thread;

    private final boolean trace;

    public Http2Connection(ServerConfig config, Exchange exchange, Transport transport, ConnectionInfo info) {
        this.limits = config.limits().http2();
        this.trace = config.trace();
        this.maxBodyBytes = config.limits().maxBodyBytes();
        this.readTimeoutNanos = config.timeouts().read().toNanos();
        this.headNanos = config.timeouts().head().toNanos();
        this.idleNanos = config.timeouts().idle().toNanos();
        this.exchange = exchange;
        this.transport = transport;
        this.info = info;
        this.writer = new Http2Writer(transport, this::writerClosed);
        this.flow = new Http2Flow(writer, limits.connectionWindowBytes(), config.timeouts().write().toNanos(), this::failed);
    }

    @Override
    public void run() {
        thread = Thread.currentThread();
        long now = System.nanoTime();
        headDeadline = (now + headNanos) | 1; // the preface and the client's SETTINGS (RFC 9113 §3.4)
        idleSince = now;
        Thread writerThread = writer.start("wisp-h2-writer");
        Http2Reader reader = new Http2Reader(this);
        try {
            serve(reader);
        } catch (Http2Exception e) {
            LOG.log(Level.DEBUG, "conn.close reason=protocol_error error={0} remote={1}", e, info.remoteAddress());
            writer.goAway(highestStreamId, e.code(), e.getMessage());
            writer.closeWhenDrained();
            linger();
        } catch (IOException e) {
            LOG.log(Level.DEBUG, "conn.close reason=io_error remote={0} error={1}", info.remoteAddress(), e.toString());
        } catch (RuntimeException e) {
            LOG.log(Level.ERROR, "conn.close reason=server_bug remote=" + info.remoteAddress(), e);
        } finally {
            reading = false;
            failed = true;
            writer.closeWhenDrained();
            awaitWriter(writerThread);
            transport.close();
            for (Http2Stream s : active) {
                s.peerReset();
            }
            flow.wakeCreditWaiters();
        }
    }

    /** The read loop: frames to the reader until the input ends. */
    private void serve(Http2Reader reader) throws IOException, Http2Exception {
        FrameDecoder decoder = new FrameDecoder(limits.maxFrameBytes(), true);
        writer.settings(ourSettings());
        if (limits.connectionWindowBytes() > 65_535) {
            writer.windowUpdate(0, limits.connectionWindowBytes() - 65_535);
        }
        InputStream in = transport.input();
        byte[] buf = new byte[READ_BUFFER];
        while (true) {
            reading = true;
            int n = in.read(buf);
            reading = false;
            if (n < 0) {
                endOfInput();
                return;
            }
            if (lingerDeadline != 0) {
                continue; // the writer has said its last word: drop what still comes, until the client closes
            }
            decoder.feed(buf, 0, n, reader);
            long now = System.nanoTime();
            idleSince = now;
            boolean slowHead = !reader.settingsReceived() || decoder.inHeaderBlock()
                    || (decoder.buffered() > 0 && running.get() == 0);
            headDeadline = !slowHead ? 0 : headDeadline != 0 ? headDeadline : (now + headNanos) | 1;
        }
    }

    private void endOfInput() {
        if (expired != 0 && lingerDeadline == 0) {
            if (headDeadline == 0) {
                LOG.log(Level.DEBUG, "conn.close reason=idle_timeout remote={0}", info.remoteAddress());
                writer.goAway(highestStreamId, ErrorCode.NO_ERROR, "idle");
            } else {
                LOG.log(Level.DEBUG, "conn.close reason=head_timeout remote={0}", info.remoteAddress());
            }
            return;
        }
        // The client closed: nobody will read what the running streams write. They end (reads
        // and writes fail, Exchange sees the peer gone), and the connection with them.
        for (Http2Stream s : active) {
            s.peerReset();
        }
        streamLock.lock();
        try {
            while (running.get() > 0 && !failed) {
                allDone.await();
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } finally {
            streamLock.unlock();
        }
    }

    /**
     * After a connection error: the GOAWAY goes out, then what the client still sends is read and
     * dropped for a moment before closing, so a TCP reset does not destroy the GOAWAY before the
     * client reads it (lingering close, as for HTTP/1.1).
     */
    private void linger() {
        try {
            InputStream in = transport.input();
            byte[] buf = new byte[1024];
            long total = 0;
            while (total < LINGER_BYTES) {
                reading = true;
                int n = in.read(buf);
                if (n < 0) {
                    return;
                }
                total += n;
            }
        } catch (IOException ignored) {
            // closing anyway
        } finally {
            reading = false;
        }
    }

    /** The writer has written everything and shut the output: the input gets a last moment, then ends. */
    private void writerClosed() {
        lingerDeadline = (System.nanoTime() + LINGER_NANOS) | 1;
    }

    private void awaitWriter(Thread writerThread) {
        try {
            writerThread.join(); // bounded: the watchdog ends a socket write that stops moving
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private Settings ourSettings() throws Http2Exception {
        return Settings.DEFAULTS
                .with(Settings.ENABLE_PUSH, 0)
                .with(Settings.MAX_CONCURRENT_STREAMS, limits.maxConcurrentStreams())
                .with(Settings.INITIAL_WINDOW_SIZE, limits.initialStreamWindowBytes())
                .with(Settings.MAX_FRAME_SIZE, limits.maxFrameBytes())
                .with(Settings.MAX_HEADER_LIST_SIZE, limits.maxHeaderListBytes());
    }

    /** Whether request and response heads are traced ({@code ServerConfig.trace()}). */
    boolean trace() {
        return trace;
    }

    Exchange exchange() {
        return exchange;
    }

    Http2Writer writer() {
        return writer;
    }

    boolean failed() {
        return failed;
    }

    boolean shuttingDown() {
        return shutdown;
    }

    /** Starts a stream's thread; the caller has counted it in {@link #running} under {@link #streamLock}. */
    void start(Http2Stream stream) {
        streams.put(stream.id, stream);
        active.add(stream);
        Thread.ofVirtual().name("wisp-h2-stream").start(stream);
    }

    /** A stream's thread has ended: forget it, and close if a shutdown waits for the last one. */
    void streamFinished(Http2Stream stream, boolean reset) {
        streams.remove(stream.id, stream);
        active.remove(stream);
        closed.add(stream.id, reset);
        idleSince = System.nanoTime();
        if (running.decrementAndGet() == 0) {
            if (shutdown) {
                writer.closeWhenDrained();
            }
            streamLock.lock();
            try {
                allDone.signalAll();
            } finally {
                streamLock.unlock();
            }
        }
    }

    // ---- Connection: watchdog, shutdown ----

    @Override
    public long readDeadlineNanos() {
        if (!reading) {
            return 0;
        }
        long linger = lingerDeadline;
        if (linger != 0) {
            return linger;
        }
        long head = headDeadline;
        if (head != 0) {
            return head;
        }
        return running.get() == 0 ? (idleSince + idleNanos) | 1 : 0;
    }

    @Override
    public void expireRead(long observedDeadline) {
        if (readDeadlineNanos() != observedDeadline) {
            return;
        }
        expired = observedDeadline;
        try {
            transport.shutdownInput();
        } catch (IOException e) {
            transport.close();
        }
    }

    @Override
    public long writeStartedNanos() {
        return writer.writeStartedNanos();
    }

    @Override
    public void beginShutdown() {
        streamLock.lock();
        try {
            if (shutdown) {
                return;
            }
            shutdown = true;
            writer.goAway(highestStreamId, ErrorCode.NO_ERROR, "shutdown");
        } finally {
            streamLock.unlock();
        }
        if (running.get() == 0) {
            writer.closeWhenDrained();
        }
    }

    /** The client sent GOAWAY: it opens no more streams; close once the running ones end. */
    void peerGoingAway() {
        streamLock.lock();
        try {
            shutdown = true;
        } finally {
            streamLock.unlock();
        }
        if (running.get() == 0) {
            writer.closeWhenDrained();
        }
    }

    @Override
    public void abort() {
        transport.close();
    }

    @Override
    public void kill() {
        failed = true;
        transport.close();
        for (Http2Stream s : active) {
            s.interrupt();
        }
        flow.wakeCreditWaiters();
        streamLock.lock();
        try {
            allDone.signalAll();
        } finally {
            streamLock.unlock();
        }
        Thread t = thread;
        if (t != null) {
            t.interrupt();
        }
    }
}
