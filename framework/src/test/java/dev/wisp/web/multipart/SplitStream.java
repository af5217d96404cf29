package dev.wisp.web.multipart;

import java.io.InputStream;

/** Hands out bytes in pieces: up to the next split offset per read, like TCP segments; {@code step} 1 = byte by byte. */
final class SplitStream extends InputStream {
    private final byte[] data;
    private final int[] splits;
    private final int step;
    private int pos;
    private int next;

    SplitStream(byte[] data, int step, int... splits) {
        this.data = data;
        this.step = step;
        this.splits = splits;
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
        if (len == 0) {
            return 0;
        }
        while (next < splits.length && splits[next] <= pos) {
            next++;
        }
        int end = next < splits.length ? splits[next] : data.length;
        int n = Math.min(Math.min(len, end - pos), step);
        System.arraycopy(data, pos, b, off, n);
        pos += n;
        return n;
    }
}
