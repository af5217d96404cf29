package dev.wisp.server.testkit;

import java.io.ByteArrayOutputStream;
import java.net.http.WebSocket;
import java.nio.ByteBuffer;
import java.time.Duration;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

/**
 * A {@code java.net.http.WebSocket} listener for tests: collects whole messages (text as
 * {@code String}, binary as {@code byte[]}) in arrival order and the peer's Close as
 * {@code "code reason"}. It asks the client for the next frame only while {@link #reading} is
 * set, so a test can play a client that stops reading.
 */
public final class WsMessages implements WebSocket.Listener {
    public final BlockingQueue<Object> messages = new LinkedBlockingQueue<>();
    public final CompletableFuture<String> closed = new CompletableFuture<>();
    public volatile boolean reading = true;
    private final StringBuilder text = new StringBuilder();
    private final ByteArrayOutputStream binary = new ByteArrayOutputStream();

    @Override
    public CompletionStage<?> onText(WebSocket ws, CharSequence data, boolean last) {
        text.append(data);
        if (last) {
            messages.add(text.toString());
            text.setLength(0);
        }
        more(ws);
        return null;
    }

    @Override
    public CompletionStage<?> onBinary(WebSocket ws, ByteBuffer data, boolean last) {
        byte[] b = new byte[data.remaining()];
        data.get(b);
        binary.writeBytes(b);
        if (last) {
            messages.add(binary.toByteArray());
            binary.reset();
        }
        more(ws);
        return null;
    }

    @Override
    public CompletionStage<?> onClose(WebSocket ws, int statusCode, String reason) {
        closed.complete(statusCode + " " + reason);
        return null;
    }

    @Override
    public void onError(WebSocket ws, Throwable error) {
        closed.completeExceptionally(error);
    }

    private void more(WebSocket ws) {
        if (reading) {
            ws.request(1);
        }
    }

    /** The next whole message; fails if none arrives within {@code timeout}. */
    public Object next(Duration timeout) throws InterruptedException {
        Object m = messages.poll(timeout.toMillis(), TimeUnit.MILLISECONDS);
        if (m == null) {
            throw new AssertionError("no message within " + timeout);
        }
        return m;
    }

    /** The next message as text. */
    public String nextText(Duration timeout) throws InterruptedException {
        return (String) next(timeout);
    }
}
