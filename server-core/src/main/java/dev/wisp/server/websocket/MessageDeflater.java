package dev.wisp.server.websocket;

import java.util.Arrays;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.zip.Deflater;

/**
 * Compresses one outgoing message (RFC 7692 §7.2.1): raw DEFLATE ending in a sync flush, with
 * the empty stored block's {@code 00 00 ff ff} tail removed.
 *
 * <p>Every message starts a fresh context, whatever was negotiated: a receiver that keeps its
 * context can still read blocks that refer to nothing before them, and no session has to hold a
 * {@code Deflater} (about 256 KiB of native memory each) between messages. The deflaters are
 * pooled instead; a message borrows one. Level 1 (fastest): on a server the CPU per message
 * matters more than the last few percent of size. Thread-safe.
 */
final class MessageDeflater {
    private static final byte[] TAIL = {0, 0, (byte) 0xff, (byte) 0xff};
    private static final ArrayBlockingQueue<Deflater> POOL =
            new ArrayBlockingQueue<>(Math.max(2, 2 * Runtime.getRuntime().availableProcessors()));

    private MessageDeflater() {
    }

    static byte[] compress(byte[] data) {
        Deflater deflater = POOL.poll();
        if (deflater == null) {
            deflater = new Deflater(Deflater.BEST_SPEED, true);
        }
        try {
            deflater.setInput(data);
            byte[] out = new byte[Math.max(64, data.length / 2 + 16)];
            int len = 0;
            while (true) {
                len += deflater.deflate(out, len, out.length - len, Deflater.SYNC_FLUSH);
                if (len < out.length) {
                    break; // the flush completed with room to spare: all output is out
                }
                out = Arrays.copyOf(out, out.length * 2);
            }
            if (len >= 4 && Arrays.equals(out, len - 4, len, TAIL, 0, 4)) {
                len -= 4;
            }
            return Arrays.copyOf(out, len);
        } finally {
            deflater.reset();
            if (!POOL.offer(deflater)) {
                deflater.end();
            }
        }
    }
}
