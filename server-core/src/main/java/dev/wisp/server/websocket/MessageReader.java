package dev.wisp.server.websocket;

import dev.wisp.server.WebSocketConfig;
import dev.wisp.server.WebSocketMessage;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;

/**
 * Turns frames into messages (RFC 6455 §5.4–§5.6): reassembles fragments, lets control frames
 * arrive between them, checks text as UTF-8 while it arrives (fail fast, §8.1), inflates
 * compressed messages (RFC 7692), and bounds everything by the configured sizes.
 *
 * <p>{@link #read} returns the next data message or the peer's Close frame, and reports each Ping
 * to the listener (which answers it) on the way. Errors are {@link WebSocketProtocolException}
 * with the code to close with, or another {@link IOException} when the connection fails.
 *
 * <p>Memory: between messages it holds no payload buffer, only the frame reader's 14 bytes and
 * the validator. A message's buffer is sized from its first frame and grows by doubling up to
 * the message limit; compressed input is read through an 8 KiB scratch buffer. Not thread-safe.
 */
public final class MessageReader {
    private static final int SCRATCH = 8192;
    private static final int INITIAL = 64 * 1024;
    private final FrameReader frames;
    private final int maxMessage;
    private final int maxFrame;
    private final boolean deflate;
    private final MessageInflater inflater;
    private final Utf8Validator utf8 = new Utf8Validator();
    private volatile long lastFrameNanos = System.nanoTime();

    // The message in progress.
    private int opcode = -1;
    private boolean compressed;
    private byte[] buf;
    private int len;
    private long compressedBytes;
    private byte[] compressedIn;
    private byte[] inflatedOut;

    /** What the reader reports besides messages. */
    public interface PingListener {
        void onPing(byte[] payload) throws IOException;
    }

    public MessageReader(InputStream in, WebSocketConfig config, DeflateParams deflate) {
        this.frames = new FrameReader(in);
        this.maxMessage = config.maxMessageBytes();
        this.maxFrame = config.maxFrameBytes();
        this.deflate = deflate != null;
        this.inflater = deflate == null ? null : new MessageInflater(!deflate.clientNoContextTakeover());
    }

    /** When the last frame header or payload piece arrived ({@code System.nanoTime()}), for idle checks. */
    public long lastFrameNanos() {
        return lastFrameNanos;
    }

    /** The next Text or Binary message, or the peer's Close (code and reason checked). */
    public WebSocketMessage read(PingListener pings) throws IOException {
        while (true) {
            FrameHeader h = frames.readHeader(deflate, maxFrame);
            lastFrameNanos = System.nanoTime();
            if (h.isControl()) {
                byte[] payload = new byte[(int) h.length()];
                frames.readPayload(payload, 0, payload.length);
                switch (h.opcode()) {
                    case FrameHeader.PING -> pings.onPing(payload);
                    case FrameHeader.CLOSE -> {
                        return closeFrame(payload);
                    }
                    default -> {
                        // A Pong: unsolicited ones are allowed and ignored (§5.5.3).
                    }
                }
                continue;
            }
            if (h.opcode() == FrameHeader.CONTINUATION) {
                if (opcode < 0) {
                    throw new WebSocketProtocolException(CloseCodes.PROTOCOL_ERROR, "Continuation frame without a message");
                }
            } else {
                if (opcode >= 0) {
                    throw new WebSocketProtocolException(CloseCodes.PROTOCOL_ERROR, "New message before the last one ended");
                }
                start(h);
            }
            if (compressed) {
                inflateFrame(h);
            } else {
                readPlainFrame(h);
            }
            if (h.fin()) {
                return finish();
            }
        }
    }

    private void start(FrameHeader h) {
        opcode = h.opcode();
        compressed = h.rsv1();
        compressedBytes = 0;
        len = 0;
        utf8.reset();
        // Sized by the first frame up to 64 KiB, then grown as bytes actually arrive: a header
        // claiming 16 MiB costs nothing until the peer sends them.
        buf = new byte[compressed ? SCRATCH : (int) Math.min(h.length(), INITIAL)];
    }

    private void readPlainFrame(FrameHeader h) throws IOException {
        long size = len + h.length();
        if (size > maxMessage) {
            throw new WebSocketProtocolException(CloseCodes.TOO_BIG, "Message too big");
        }
        // In pieces, so invalid UTF-8 fails before the rest of a large frame is read.
        while (frames.remaining() > 0) {
            int n = (int) Math.min(SCRATCH, frames.remaining());
            ensure(len + n, size);
            frames.readPayload(buf, len, n);
            lastFrameNanos = System.nanoTime(); // a long frame arriving slowly is not idle
            append(len, n);
        }
    }

    private void inflateFrame(FrameHeader h) throws IOException {
        // The compressed size is bounded too: a stream of empty deflate blocks inflates to nothing.
        compressedBytes += h.length();
        if (compressedBytes > maxMessage) {
            throw new WebSocketProtocolException(CloseCodes.TOO_BIG, "Message too big");
        }
        if (compressedIn == null) {
            // Once per message, not per frame: many tiny frames must not mean many buffers.
            compressedIn = new byte[SCRATCH];
            inflatedOut = new byte[SCRATCH];
        }
        while (frames.remaining() > 0) {
            int n = (int) Math.min(SCRATCH, frames.remaining());
            frames.readPayload(compressedIn, 0, n);
            lastFrameNanos = System.nanoTime();
            inflater.inflate(compressedIn, 0, n, inflatedOut, len, maxMessage, this::appendCopy);
        }
    }

    /** Adds inflated bytes to the message. */
    private void appendCopy(byte[] b, int off, int n) throws WebSocketProtocolException {
        ensure(len + n, maxMessage);
        System.arraycopy(b, off, buf, len, n);
        append(len, n);
    }

    /** Room for {@code need} bytes, doubling but never past {@code limit} (≥ need). */
    private void ensure(int need, long limit) {
        if (need > buf.length) {
            buf = Arrays.copyOf(buf, (int) Math.min(limit, Math.max(need, 2L * buf.length)));
        }
    }

    /** Counts {@code n} new bytes at {@code at} in the buffer, checking text as it comes. */
    private void append(int at, int n) throws WebSocketProtocolException {
        if (opcode == FrameHeader.TEXT && !utf8.feed(buf, at, n)) {
            throw new WebSocketProtocolException(CloseCodes.INVALID_PAYLOAD, "Invalid UTF-8 in a text message");
        }
        len += n;
    }

    private WebSocketMessage finish() throws IOException {
        if (compressed) {
            if (inflatedOut == null) {
                inflatedOut = new byte[SCRATCH];
            }
            inflater.finish(inflatedOut, len, maxMessage, this::appendCopy);
            compressedIn = null;
            inflatedOut = null;
        }
        if (opcode == FrameHeader.TEXT && !utf8.isComplete()) {
            throw new WebSocketProtocolException(CloseCodes.INVALID_PAYLOAD, "Text message ends inside a UTF-8 sequence");
        }
        WebSocketMessage m = opcode == FrameHeader.TEXT
                ? new WebSocketMessage.Text(new String(buf, 0, len, StandardCharsets.UTF_8))
                : new WebSocketMessage.Binary(len == buf.length ? buf : Arrays.copyOf(buf, len));
        opcode = -1;
        buf = null;
        len = 0;
        return m;
    }

    /** A Close frame's body (§5.5.1, §7.4): nothing, or a valid code and a UTF-8 reason. */
    private static WebSocketMessage.Close closeFrame(byte[] payload) throws WebSocketProtocolException {
        if (payload.length == 0) {
            return new WebSocketMessage.Close(CloseCodes.NO_STATUS, "");
        }
        if (payload.length == 1) {
            throw new WebSocketProtocolException(CloseCodes.PROTOCOL_ERROR, "Close frame with a one-byte body");
        }
        int code = ((payload[0] & 0xff) << 8) | (payload[1] & 0xff);
        if (!CloseCodes.isValidOnWire(code)) {
            throw new WebSocketProtocolException(CloseCodes.PROTOCOL_ERROR, "Invalid close code");
        }
        Utf8Validator reason = new Utf8Validator();
        if (!reason.feed(payload, 2, payload.length - 2) || !reason.isComplete()) {
            throw new WebSocketProtocolException(CloseCodes.INVALID_PAYLOAD, "Close reason is not UTF-8");
        }
        return new WebSocketMessage.Close(code, new String(payload, 2, payload.length - 2, StandardCharsets.UTF_8));
    }

    /** Frees the inflater's native memory; the session is over. */
    public void release() {
        if (inflater != null) {
            inflater.release();
        }
    }
}
