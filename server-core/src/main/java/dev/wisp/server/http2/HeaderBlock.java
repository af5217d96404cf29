package dev.wisp.server.http2;

import java.util.Arrays;

/**
 * Gathers one field block from its HEADERS fragment and CONTINUATION fragments (RFC 9113 §4.3)
 * so the HPACK decoder sees it whole, within two limits that defend against the CONTINUATION
 * flood (CVE-2024-27316 and its siblings in other servers): at most {@code maxBlockBytes} octets
 * and {@code maxContinuations} CONTINUATION frames per block. Either one passed is a connection
 * error ENHANCE_YOUR_CALM: the block cannot be skipped without decoding it, since HPACK state
 * must stay in step, and a peer that sends such blocks is not worth keeping.
 *
 * <p>The buffer starts small, grows as a block needs and is reused. Owned by the connection's
 * reader. Not thread-safe.
 */
public final class HeaderBlock {
    private final int maxBlockBytes;
    private final int maxContinuations;
    private byte[] buf = new byte[256];
    private int length;
    private int continuations;
    private int streamId;

    public HeaderBlock(int maxBlockBytes, int maxContinuations) {
        if (maxBlockBytes <= 0 || maxContinuations < 0) {
            throw new IllegalArgumentException("maxBlockBytes must be > 0 and maxContinuations >= 0");
        }
        this.maxBlockBytes = maxBlockBytes;
        this.maxContinuations = maxContinuations;
    }

    /** Starts a block with a HEADERS frame's fragment, dropping any previous block. */
    public void start(int streamId, byte[] b, int off, int len) throws Http2Exception {
        this.streamId = streamId;
        length = 0;
        continuations = 0;
        add(b, off, len);
    }

    /** Adds a CONTINUATION frame's fragment. */
    public void append(byte[] b, int off, int len) throws Http2Exception {
        if (++continuations > maxContinuations) {
            throw Http2Exception.connection(ErrorCode.ENHANCE_YOUR_CALM, "too many CONTINUATION frames");
        }
        add(b, off, len);
    }

    private void add(byte[] b, int off, int len) throws Http2Exception {
        if (len > maxBlockBytes - length) {
            throw Http2Exception.connection(ErrorCode.ENHANCE_YOUR_CALM, "header block too large");
        }
        if (buf.length - length < len) {
            buf = Arrays.copyOf(buf, Math.min(maxBlockBytes, Math.max(2 * buf.length, length + len)));
        }
        System.arraycopy(b, off, buf, length, len);
        length += len;
    }

    /** The stream the block belongs to. */
    public int streamId() {
        return streamId;
    }

    /** The gathered octets are {@code array()[0, length())}. */
    public byte[] array() {
        return buf;
    }

    public int length() {
        return length;
    }
}
