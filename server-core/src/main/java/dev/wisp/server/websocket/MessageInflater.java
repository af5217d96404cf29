package dev.wisp.server.websocket;

import java.util.zip.DataFormatException;
import java.util.zip.Inflater;

/**
 * Decompresses incoming messages (RFC 7692 §7.2.2): the compressed frames' payloads in order,
 * then the {@code 00 00 ff ff} tail the sender removed. The output of a message is bounded:
 * past {@code maxBytes} it fails with 1009, after at most one scratch buffer more, so a small
 * compressed message can't expand into a large allocation (a decompression bomb). Corrupt data
 * fails with 1007.
 *
 * <p>With context takeover the inflater lives as long as the session (about 40 KiB of native
 * memory); with {@code client_no_context_takeover} it is created per message and ended after it,
 * so an idle session holds none. Not thread-safe: the session's one reader uses it.
 */
final class MessageInflater {
    private static final byte[] TAIL = {0, 0, (byte) 0xff, (byte) 0xff};
    private final boolean keepContext;
    private Inflater inflater;

    MessageInflater(boolean keepContext) {
        this.keepContext = keepContext;
    }

    /** Receives decompressed bytes. */
    interface Sink {
        void accept(byte[] b, int off, int len) throws WebSocketProtocolException;
    }

    /**
     * Inflates one piece of compressed payload into {@code sink}, with {@code outSoFar} bytes of
     * this message already produced and {@code scratch} as the output buffer; returns the new total.
     */
    long inflate(byte[] in, int off, int len, byte[] scratch, long outSoFar, long maxBytes, Sink sink) throws WebSocketProtocolException {
        if (inflater == null) {
            inflater = new Inflater(true);
        }
        if (inflater.finished()) {
            if (len == 0) {
                return outSoFar;
            }
            // A final block ended the stream earlier in this message: data after it is garbage.
            throw new WebSocketProtocolException(CloseCodes.INVALID_PAYLOAD, "Data after the final deflate block");
        }
        inflater.setInput(in, off, len);
        long total = outSoFar;
        try {
            while (true) {
                int n = inflater.inflate(scratch);
                if (n > 0) {
                    total += n;
                    if (total > maxBytes) {
                        throw new WebSocketProtocolException(CloseCodes.TOO_BIG, "Message too big");
                    }
                    sink.accept(scratch, 0, n);
                } else if (inflater.needsInput() || inflater.finished()) {
                    break;
                } else if (inflater.needsDictionary()) {
                    throw new WebSocketProtocolException(CloseCodes.INVALID_PAYLOAD, "Invalid deflate data");
                }
            }
        } catch (DataFormatException e) {
            throw new WebSocketProtocolException(CloseCodes.INVALID_PAYLOAD, "Invalid deflate data");
        }
        if (inflater.finished() && inflater.getRemaining() > 0) {
            throw new WebSocketProtocolException(CloseCodes.INVALID_PAYLOAD, "Data after the final deflate block");
        }
        return total;
    }

    /** Feeds the removed tail and ends the message; returns the message's total size. */
    long finish(byte[] scratch, long outSoFar, long maxBytes, Sink sink) throws WebSocketProtocolException {
        long total = outSoFar;
        if (inflater == null || !inflater.finished()) {
            total = inflate(TAIL, 0, TAIL.length, scratch, outSoFar, maxBytes, sink);
        }
        if (inflater != null && (!keepContext || inflater.finished())) {
            // A sender that ended its stream with a final block starts a new one next message.
            if (keepContext) {
                inflater.reset();
            } else {
                release();
            }
        }
        return total;
    }

    /** Frees the native memory; the session is over (or the message, without context). */
    void release() {
        if (inflater != null) {
            inflater.end();
            inflater = null;
        }
    }
}
