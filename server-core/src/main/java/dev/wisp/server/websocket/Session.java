package dev.wisp.server.websocket;

import dev.wisp.server.Request;
import dev.wisp.server.WebSocketConfig;
import dev.wisp.server.WebSocketHandler;
import dev.wisp.server.WebSocketMessage;
import dev.wisp.server.WebSocketSession;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.lang.System.Logger.Level;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.locks.ReentrantLock;

/**
 * One WebSocket session over a pair of streams: what the HTTP/1.1 connection runs after writing
 * the 101 (or a test runs over piped streams).
 *
 * <p>States: <i>open</i> → <i>closing</i> (we sent Close; data that still arrives is discarded)
 * → <i>closed</i> (the peer's Close arrived, the peer broke the protocol, or the connection was
 * lost). {@link #receive()} returns the {@link WebSocketMessage.Close} from then on, and the
 * transport is closed at once: the server closes the TCP connection first (§7.1.1), and after a
 * protocol error there is nothing to wait for (§7.1.7).
 *
 * <p>Needs from the connection: the input (after any bytes buffered past the request head), the
 * output (flushed by every frame), a {@code closeTransport} action that closes the socket
 * (idempotent, callable from any thread; it unblocks a pending read), and a periodic call of
 * {@link #tick(long)} from its watchdog for the idle timeout, automatic pings and the close
 * timeout. The write timeout stays the connection's.
 */
public final class Session implements WebSocketSession {
    private static final System.Logger LOG = System.getLogger("dev.wisp.server");
    private static final byte[] EMPTY = new byte[0];
    private final Request request;
    private final String subprotocol;
    private final WebSocketConfig config;
    private final MessageReader reader;
    private final Sender sender;
    private final Runnable closeTransport;
    private final AtomicBoolean transportClosed = new AtomicBoolean();
    private final ReentrantLock receiveLock = new ReentrantLock();
    private volatile WebSocketMessage.Close result;
    private volatile long closeSentNanos;
    private volatile long lastPingNanos;
    private volatile boolean idleClosing;

    public Session(InputStream in, OutputStream out, Runnable closeTransport, Request request,
            WebSocketConfig config, Handshake.Accept accepted) {
        this.request = request;
        this.subprotocol = accepted.subprotocol();
        this.config = config;
        this.reader = new MessageReader(in, config, accepted.deflate());
        this.sender = new Sender(out, accepted.deflate() != null);
        this.closeTransport = closeTransport;
        this.lastPingNanos = System.nanoTime();
    }

    /**
     * Runs the handler on this thread, then completes the close handshake: 1000 if the handler
     * returned, 1011 if it threw; then waits for the peer's Close (bounded by the close timeout
     * through {@link #tick}) and closes the transport. Never throws for the peer's behaviour.
     */
    public void run(WebSocketHandler handler) {
        try {
            try {
                handler.onSession(this);
                closeQuietly(CloseCodes.NORMAL, "");
            } catch (Exception e) {
                if (e instanceof InterruptedException) {
                    Thread.currentThread().interrupt();
                }
                LOG.log(Level.ERROR, "websocket.handler_error path=" + request.path(), e);
                closeQuietly(CloseCodes.INTERNAL_ERROR, "");
            }
            receive(); // after our Close this discards data until the peer's Close or the end
        } finally {
            closeTransport();
            reader.release();
        }
    }

    @Override
    public WebSocketMessage receive() {
        receiveLock.lock();
        try {
            while (result == null) {
                WebSocketMessage m;
                try {
                    m = reader.read(payload -> sender.sendControl(FrameHeader.PONG, payload));
                } catch (WebSocketProtocolException e) {
                    fail(e.closeCode(), e.getMessage());
                    break;
                } catch (IOException e) {
                    end(new WebSocketMessage.Close(CloseCodes.ABNORMAL, ""));
                    break;
                }
                if (m instanceof WebSocketMessage.Close peer) {
                    try {
                        // Echo the peer's code (§5.5.1); an empty Close gets an empty Close.
                        sender.sendClose(peer.code(), EMPTY);
                    } catch (IOException e) {
                        // The peer may already have closed its side; the handshake is done either way.
                    }
                    end(peer);
                } else if (!sender.closeSent()) {
                    return m;
                }
            }
            return result;
        } finally {
            receiveLock.unlock();
        }
    }

    /** Fails the connection (§7.1.7): our Close with the code, then the transport closes. */
    private void fail(int code, String reason) {
        LOG.log(Level.DEBUG, "websocket.fail code={0,number,#} reason={1}", code, reason);
        try {
            sender.sendClose(code, reason.getBytes(StandardCharsets.UTF_8));
        } catch (IOException e) {
            // Nothing more to tell a peer we can't write to.
        }
        end(new WebSocketMessage.Close(code, reason));
    }

    private void end(WebSocketMessage.Close close) {
        result = close;
        closeTransport();
    }

    private void closeTransport() {
        if (transportClosed.compareAndSet(false, true)) {
            closeTransport.run();
        }
    }

    @Override
    public void sendText(String text) throws IOException {
        sender.sendMessage(FrameHeader.TEXT, text.getBytes(StandardCharsets.UTF_8));
    }

    @Override
    public void sendBinary(byte[] bytes) throws IOException {
        sender.sendMessage(FrameHeader.BINARY, bytes);
    }

    @Override
    public void ping(byte[] data) throws IOException {
        if (data.length > 125) {
            throw new IllegalArgumentException("A ping carries at most 125 bytes (RFC 6455 §5.5), got " + data.length);
        }
        sender.sendControl(FrameHeader.PING, data.clone());
    }

    @Override
    public void close(int code, String reason) throws IOException {
        if (!CloseCodes.isValidOnWire(code)) {
            throw new IllegalArgumentException("Close code " + code + " may not be sent (RFC 6455 §7.4: 1000-1003, 1007-1014, 3000-4999)");
        }
        byte[] bytes = reason.getBytes(StandardCharsets.UTF_8);
        if (bytes.length > 123) {
            throw new IllegalArgumentException("A close reason is at most 123 UTF-8 bytes (RFC 6455 §5.5), got " + bytes.length);
        }
        if (closeSentNanos == 0) {
            closeSentNanos = System.nanoTime() | 1; // the close timeout runs from here, even if the write blocks
        }
        sender.sendClose(code, bytes);
    }

    /**
     * Timeouts, called by the connection's watchdog now and then with {@code System.nanoTime()}.
     * Never blocks: a Ping or Close it decides to send goes out on a new virtual thread.
     * <ul>
     *   <li>Our Close unanswered for the close timeout: the transport is closed.</li>
     *   <li>Nothing received for the idle timeout: Close 1001.</li>
     *   <li>Nothing received for the ping interval (and no Ping sent within it): a Ping.</li>
     * </ul>
     */
    public void tick(long nowNanos) {
        if (result != null) {
            return;
        }
        long closeSent = closeSentNanos;
        if (closeSent != 0) {
            if (nowNanos - closeSent > config.closeTimeout().toNanos()) {
                LOG.log(Level.DEBUG, "websocket.close reason=close_timeout");
                closeTransport();
            }
            return;
        }
        long quiet = nowNanos - reader.lastFrameNanos();
        if (quiet > config.idleTimeout().toNanos()) {
            if (!idleClosing) {
                idleClosing = true;
                Thread.ofVirtual().name("wisp-ws-idle").start(() -> closeQuietly(CloseCodes.GOING_AWAY, "idle timeout"));
            }
            return;
        }
        long interval = config.pingInterval().toNanos();
        if (interval > 0 && quiet > interval && nowNanos - lastPingNanos > interval) {
            lastPingNanos = nowNanos;
            Thread.ofVirtual().name("wisp-ws-ping").start(() -> {
                try {
                    sender.sendControl(FrameHeader.PING, EMPTY);
                } catch (IOException e) {
                    // The reader will see the broken connection.
                }
            });
        }
    }

    /** Server shutdown: Close 1001 "going away" (§7.4.1), sent from a new virtual thread. */
    public void goingAway() {
        if (result == null) {
            Thread.ofVirtual().name("wisp-ws-shutdown").start(() -> closeQuietly(CloseCodes.GOING_AWAY, "server shutting down"));
        }
    }

    /** Sends Close; if that fails, closes the transport, so the reader ends with 1006. */
    private void closeQuietly(int code, String reason) {
        try {
            close(code, reason);
        } catch (IOException e) {
            closeTransport();
        }
    }

    @Override
    public boolean isOpen() {
        return result == null && !sender.closeSent();
    }

    @Override
    public String subprotocol() {
        return subprotocol;
    }

    @Override
    public Request request() {
        return request;
    }

    @Override
    public String toString() {
        return "WebSocketSession[" + request.path() + (isOpen() ? " open]" : " closed]");
    }
}
