package dev.wisp.server.http1;

import dev.wisp.server.io.HttpInput;

import java.io.InputStream;
import java.nio.charset.StandardCharsets;

/** Hands out a message in pieces: at most up to the next split offset per read, like TCP segments. */
final class SplitInputStream extends InputStream {
    private final byte[] data;
    private final int[] splits;
    private int pos;
    private int next;

    SplitInputStream(byte[] data, int... splits) {
        this.data = data;
        this.splits = splits;
    }

    static SplitInputStream of(String message, int... splits) {
        return new SplitInputStream(message.getBytes(StandardCharsets.ISO_8859_1), splits);
    }

    static HttpInput input(String message, int... splits) {
        return new HttpInput(of(message, splits), 256, () -> { });
    }

    @Override
    public int read() {
        return pos < data.length ? data[pos++] & 0xff : -1;
    }

    @Override
    public int read(byte[] b, int off, int len) {
        if (pos >= data.length) {
            return -1;
        }
        while (next < splits.length && splits[next] <= pos) {
            next++;
        }
        int end = next < splits.length ? splits[next] : data.length;
        int n = Math.min(len, end - pos);
        System.arraycopy(data, pos, b, off, n);
        pos += n;
        return n;
    }
}
