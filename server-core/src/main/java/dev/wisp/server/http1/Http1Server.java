package dev.wisp.server.http1;

import dev.wisp.server.Handler;
import dev.wisp.server.Request;
import dev.wisp.server.Response;
import dev.wisp.server.ServerConfig;
import java.io.IOException;
import java.lang.System.Logger.Level;
import java.net.InetSocketAddress;
import java.net.StandardSocketOptions;
import java.nio.channels.ClosedChannelException;
import java.nio.channels.ServerSocketChannel;
import java.nio.channels.SocketChannel;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.LockSupport;
import java.util.concurrent.locks.ReentrantLock;

/**
 * The listening side: one acceptor thread, one virtual thread per connection, a watchdog for
 * stuck writes, and the graceful shutdown.
 *
 * <p>A connection permit is taken before {@code accept()}: at the cap, new connections wait in
 * the OS backlog instead of costing memory or threads here. The optional request cap admits
 * {@code maxConcurrentRequests} handlers at once, queues up to {@code maxQueuedRequests} more, and
 * answers 503 past that.
 */
public final class Http1Server {
    private static final System.Logger LOG = System.getLogger("dev.wisp.server");
    private static final long WATCHDOG_PERIOD_NANOS = TimeUnit.MILLISECONDS.toNanos(100);

    private final ServerConfig config;
    private final Handler handler;
    private final ServerSocketChannel listener;
    private final int port;
    private final Semaphore connectionPermits;
    private final Semaphore requestPermits;
    private final AtomicInteger queuedRequests = new AtomicInteger();
    private final Set<Http1Connection> connections = ConcurrentHashMap.newKeySet();
    private final ReentrantLock lock = new ReentrantLock();
    private final Condition allClosed = lock.newCondition();
    private final CountDownLatch stopped = new CountDownLatch(1);
    private final AtomicBoolean closeStarted = new AtomicBoolean();
    private final Thread acceptor;
    private final Thread watchdog;
    private volatile boolean closing;

    private Http1Server(ServerConfig config, Handler handler, ServerSocketChannel listener) throws IOException {
        this.config = config;
        this.handler = handler;
        this.listener = listener;
        this.port = ((InetSocketAddress) listener.getLocalAddress()).getPort();
        this.connectionPermits = new Semaphore(config.limits().maxConnections());
        int maxRequests = config.limits().maxConcurrentRequests();
        this.requestPermits = maxRequests == 0 ? null : new Semaphore(maxRequests);
        this.acceptor = Thread.ofPlatform().name("wisp-acceptor-" + port).unstarted(this::acceptLoop);
        this.watchdog = Thread.ofPlatform().name("wisp-watchdog-" + port).daemon().unstarted(this::watchLoop);
    }

    /** Binds and starts accepting; a port already in use fails here, with the address in the message. */
    public static Http1Server start(ServerConfig config, Handler handler) throws IOException {
        ServerSocketChannel listener = ServerSocketChannel.open();
        try {
            listener.setOption(StandardSocketOptions.SO_REUSEADDR, true);
            listener.bind(new InetSocketAddress(config.host(), config.port()), config.backlog());
        } catch (IOException e) {
            listener.close();
            throw new IOException("Cannot listen on " + config.host() + ":" + config.port() + ": " + e.getMessage()
                    + " (is another process using the port? choose another with withPort, or 0 for a free one)", e);
        }
        Http1Server server = new Http1Server(config, handler, listener);
        server.acceptor.start();
        server.watchdog.start();
        LOG.log(Level.INFO, "server.start address={0}:{1,number,#}", config.host(), server.port);
        return server;
    }

    public ServerConfig config() {
        return config;
    }

    public int port() {
        return port;
    }

    public int openConnections() {
        return connections.size();
    }

    /** Requests waiting for a slot under the request cap; 0 without a cap. */
    public int queuedRequests() {
        return queuedRequests.get();
    }

    boolean closing() {
        return closing;
    }

    private void acceptLoop() {
        while (!closing) {
            try {
                connectionPermits.acquire();
            } catch (InterruptedException e) {
                return;
            }
            SocketChannel channel;
            try {
                channel = listener.accept();
            } catch (ClosedChannelException e) {
                connectionPermits.release();
                return;
            } catch (IOException e) {
                connectionPermits.release();
                if (closing) {
                    return;
                }
                // Usually out of file descriptors: back off instead of spinning on the error.
                LOG.log(Level.WARNING, "accept.error error={0}", e.toString());
                LockSupport.parkNanos(TimeUnit.MILLISECONDS.toNanos(50));
                continue;
            }
            try {
                channel.setOption(StandardSocketOptions.TCP_NODELAY, true);
                Http1Connection connection = new Http1Connection(this, channel);
                connections.add(connection);
                Thread.ofVirtual().start(connection);
            } catch (Throwable t) {
                LOG.log(Level.WARNING, "accept.error error={0}", t.toString());
                try {
                    channel.close();
                } catch (IOException ignored) {
                    // The connection never started.
                }
                connectionPermits.release();
            }
        }
    }

    /** Calls the handler, under the request cap when one is configured. */
    Response dispatch(Request request) throws Exception {
        if (requestPermits == null) {
            return handler.handle(request);
        }
        if (!requestPermits.tryAcquire()) {
            if (queuedRequests.incrementAndGet() > config.limits().maxQueuedRequests()) {
                queuedRequests.decrementAndGet();
                LOG.log(Level.DEBUG, "request.reject reason=overloaded");
                return Response.text(503, "Service Unavailable").withHeader("Retry-After", "1");
            }
            try {
                requestPermits.acquire();
            } finally {
                queuedRequests.decrementAndGet();
            }
        }
        try {
            return handler.handle(request);
        } finally {
            requestPermits.release();
        }
    }

    void connectionClosed(Http1Connection connection) {
        if (connections.remove(connection)) {
            connectionPermits.release();
        }
        if (closing && connections.isEmpty()) {
            lock.lock();
            try {
                allClosed.signalAll();
            } finally {
                lock.unlock();
            }
        }
    }

    /**
     * Enforces every timeout, a few times a second: a blocked read past its deadline is woken to
     * fail (head → 408, idle → silent close); a write blocked longer than the write timeout means
     * the client stopped reading, and the connection is closed. One thread scanning beats a timer
     * per read: timed parks would double the CPU cost of a request.
     */
    private void watchLoop() {
        long writeLimit = config.timeouts().write().toNanos();
        while (stopped.getCount() > 0) {
            LockSupport.parkNanos(WATCHDOG_PERIOD_NANOS);
            long now = System.nanoTime();
            for (Http1Connection c : connections) {
                long readDeadline = c.readDeadlineNanos();
                if (readDeadline != 0 && now - readDeadline > 0) {
                    c.expireRead(readDeadline);
                }
                long started = c.writeStartedNanos();
                if (started != 0 && now - started > writeLimit) {
                    LOG.log(Level.DEBUG, "conn.close reason=write_timeout");
                    c.abort();
                }
            }
        }
    }

    /**
     * Stops accepting, closes idle connections, lets in-flight requests finish (their responses
     * say {@code Connection: close}) for up to the grace period, then closes what remains.
     */
    public void close() {
        if (!closeStarted.compareAndSet(false, true)) {
            awaitStop();
            return;
        }
        closing = true;
        try {
            listener.close();
        } catch (IOException ignored) {
            // Already closed.
        }
        acceptor.interrupt();
        for (Http1Connection c : connections) {
            c.closeIfIdle();
        }
        long deadline = System.nanoTime() + config.timeouts().shutdownGrace().toNanos();
        boolean graceful = waitForConnections(deadline);
        if (!graceful) {
            LOG.log(Level.WARNING, "server.stop reason=grace_expired open_connections={0}", connections.size());
            for (Http1Connection c : connections) {
                c.kill();
            }
            // A handler that ignores interrupts can't be stopped; don't let it hold close() forever.
            waitForConnections(System.nanoTime() + TimeUnit.SECONDS.toNanos(1));
        }
        try {
            acceptor.join(TimeUnit.SECONDS.toMillis(5));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        stopped.countDown();
        LOG.log(Level.INFO, "server.stop port={0,number,#}", port);
    }

    private boolean waitForConnections(long deadline) {
        lock.lock();
        try {
            while (!connections.isEmpty()) {
                long left = deadline - System.nanoTime();
                if (left <= 0) {
                    return false;
                }
                // Bounded wait: a connection that closed between isEmpty and here signals nobody.
                allClosed.awaitNanos(Math.min(left, TimeUnit.MILLISECONDS.toNanos(50)));
            }
            return true;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        } finally {
            lock.unlock();
        }
    }

    public void awaitStop() {
        try {
            stopped.await();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
