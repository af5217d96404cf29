package dev.wisp.server.http2;

import java.util.Arrays;

/**
 * A growable byte array that header blocks are encoded into: HPACK integers (RFC 7541 §5.1) and
 * string literals (§5.2), Huffman-coded when that is shorter. Reused block after block by the
 * connection's writer ({@link #reset()}); its array is then split into HEADERS and CONTINUATION
 * frames. Not thread-safe.
 */
public final class HpackOutput {
    private byte[] buf;
    private int length;

    public HpackOutput(int initialCapacity) {
        buf = new byte[Math.max(16, initialCapacity)];
    }

    public void reset() {
        length = 0;
    }

    /** The array holding the block in {@code [0, length())}; valid until the next write. */
    public byte[] array() {
        return buf;
    }

    public int length() {
        return length;
    }

    /** A copy of the block, for tests and logging. */
    public byte[] toByteArray() {
        return Arrays.copyOf(buf, length);
    }

    /**
     * Writes {@code value} with an N-bit prefix (§5.1); {@code flags} are the bits of the first
     * byte above the prefix.
     */
    void writeInt(int flags, int prefixBits, int value) {
        ensure(6);
        int max = (1 << prefixBits) - 1;
        if (value < max) {
            buf[length++] = (byte) (flags | value);
            return;
        }
        buf[length++] = (byte) (flags | max);
        value -= max;
        while (value >= 0x80) {
            buf[length++] = (byte) ((value & 0x7f) | 0x80);
            value >>>= 7;
        }
        buf[length++] = (byte) value;
    }

    /**
     * Writes a string literal, its chars as octets (ISO-8859-1; {@code Headers} admits no other),
     * Huffman-coded when that is shorter; {@code lowercase} folds ASCII letters on the way, for
     * field names (RFC 9113 §8.2).
     */
    void writeString(String s, boolean lowercase) {
        int raw = s.length();
        int huffman = Huffman.encodedLength(s, lowercase);
        if (huffman < raw) {
            writeInt(0x80, 7, huffman);
            ensure(huffman);
            length = Huffman.encode(s, lowercase, buf, length);
            return;
        }
        writeInt(0, 7, raw);
        ensure(raw);
        for (int i = 0; i < raw; i++) {
            char c = s.charAt(i);
            buf[length++] = (byte) (lowercase && c >= 'A' && c <= 'Z' ? c + 32 : c);
        }
    }

    private void ensure(int n) {
        if (buf.length - length < n) {
            buf = Arrays.copyOf(buf, Math.max(buf.length * 2, length + n));
        }
    }
}
