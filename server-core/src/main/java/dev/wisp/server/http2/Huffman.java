package dev.wisp.server.http2;

/**
 * The static Huffman code of HPACK (RFC 7541 §5.2, Appendix B), both directions, without
 * allocation: encoding writes into the caller's array, decoding into a caller's scratch array.
 *
 * <p>Appendix B is a canonical code: codes of one length are consecutive in symbol order and
 * follow all shorter codes. So the table below holds only each symbol's code length, and the codes
 * are derived from it (a test checks them against values printed in the RFC).
 *
 * <p>Decoding walks a precomputed automaton four bits at a time (as nghttp2 does): one state per
 * internal node of the code tree, and for each state and nibble the next state and the symbol
 * completed, if any. A nibble can complete at most one symbol because no code is shorter than five
 * bits.
 */
final class Huffman {
    /** Code length in bits of symbols 0..255 and of EOS (256), RFC 7541 Appendix B. */
    private static final byte[] LENGTHS = {
            13, 23, 28, 28, 28, 28, 28, 28, 28, 24, 30, 28, 28, 30, 28, 28,
            28, 28, 28, 28, 28, 28, 30, 28, 28, 28, 28, 28, 28, 28, 28, 28,
            6, 10, 10, 12, 13, 6, 8, 11, 10, 10, 8, 11, 8, 6, 6, 6,
            5, 5, 5, 6, 6, 6, 6, 6, 6, 6, 7, 8, 15, 6, 12, 10,
            13, 6, 7, 7, 7, 7, 7, 7, 7, 7, 7, 7, 7, 7, 7, 7,
            7, 7, 7, 7, 7, 7, 7, 7, 8, 7, 8, 13, 19, 13, 14, 6,
            15, 5, 6, 5, 6, 5, 6, 6, 6, 5, 7, 7, 6, 6, 6, 5,
            6, 7, 6, 5, 5, 6, 7, 7, 7, 7, 7, 15, 11, 14, 13, 28,
            20, 22, 20, 20, 22, 22, 22, 23, 22, 23, 23, 23, 23, 23, 24, 23,
            24, 24, 22, 23, 24, 23, 23, 23, 23, 21, 22, 23, 22, 23, 23, 24,
            22, 21, 20, 22, 22, 23, 23, 21, 23, 22, 22, 24, 21, 22, 23, 23,
            21, 21, 22, 21, 23, 22, 23, 23, 20, 22, 22, 22, 23, 22, 22, 23,
            26, 26, 20, 19, 22, 23, 22, 25, 26, 26, 26, 27, 27, 26, 24, 25,
            19, 21, 26, 27, 27, 26, 27, 24, 21, 21, 26, 26, 28, 27, 27, 27,
            20, 24, 20, 21, 22, 21, 21, 23, 22, 22, 25, 25, 24, 24, 26, 23,
            26, 27, 26, 26, 27, 27, 27, 27, 27, 28, 27, 27, 27, 27, 27, 26,
            30};
    private static final int EOS = 256;

    /** Codes aligned to the least significant bit, by symbol. */
    static final int[] CODES = new int[257];

    // The decoding automaton. State 0 is the root; a state's entry for nibble n is
    // (next state << 16) | EMIT? | symbol. DECODE_FAIL marks a nibble that completes EOS.
    private static final int EMIT = 0x100;
    private static final int FAIL = 0x200;
    private static final int[] DECODE = new int[256 * 16];
    /** Whether ending in a state is valid padding: the root, or at most 7 one-bits (§5.2). */
    private static final boolean[] ACCEPT = new boolean[256];

    static {
        int code = 0;
        int length = 0;
        for (int len = 1; len <= 30; len++) {
            for (int sym = 0; sym <= EOS; sym++) {
                if (LENGTHS[sym] == len) {
                    code <<= len - length;
                    length = len;
                    CODES[sym] = code++;
                }
            }
        }
        buildAutomaton();
    }

    private Huffman() {
    }

    /** The code length of a symbol (0..256) in bits. */
    static int length(int symbol) {
        return LENGTHS[symbol];
    }

    /** Number of bytes {@code s} takes Huffman-coded, chars as octets (ISO-8859-1). */
    static int encodedLength(CharSequence s, boolean lowercase) {
        long bits = 0;
        for (int i = 0; i < s.length(); i++) {
            bits += LENGTHS[octet(s.charAt(i), lowercase)];
        }
        return (int) ((bits + 7) >> 3);
    }

    /**
     * Writes {@code s} Huffman-coded at {@code dst[pos]}, padded with the most significant bits of
     * EOS (ones, §5.2), and returns the position after it. The array must have
     * {@link #encodedLength} bytes free there.
     */
    static int encode(CharSequence s, boolean lowercase, byte[] dst, int pos) {
        long acc = 0;
        int bits = 0;
        for (int i = 0; i < s.length(); i++) {
            int sym = octet(s.charAt(i), lowercase);
            acc = (acc << LENGTHS[sym]) | CODES[sym];
            bits += LENGTHS[sym];
            while (bits >= 8) {
                bits -= 8;
                dst[pos++] = (byte) (acc >>> bits);
            }
        }
        if (bits > 0) {
            dst[pos++] = (byte) ((acc << (8 - bits)) | (0xff >>> bits));
        }
        return pos;
    }

    private static int octet(char c, boolean lowercase) {
        return lowercase && c >= 'A' && c <= 'Z' ? c + 32 : c & 0xff;
    }

    /**
     * Decodes {@code len} bytes at {@code src[off]} into {@code dst} (which must hold
     * {@code len * 8 / 5} bytes) and returns the number of octets decoded.
     *
     * @throws HpackException for EOS inside the string, padding longer than 7 bits or padding
     *         that is not all ones (RFC 7541 §5.2)
     */
    static int decode(byte[] src, int off, int len, byte[] dst) throws HpackException {
        int state = 0;
        int n = 0;
        for (int i = off; i < off + len; i++) {
            int b = src[i] & 0xff;
            int entry = DECODE[(state << 4) | (b >>> 4)];
            if ((entry & FAIL) != 0) {
                throw new HpackException("EOS in a Huffman-coded string");
            }
            if ((entry & EMIT) != 0) {
                dst[n++] = (byte) entry;
            }
            entry = DECODE[((entry >>> 16) << 4) | (b & 0xf)];
            if ((entry & FAIL) != 0) {
                throw new HpackException("EOS in a Huffman-coded string");
            }
            if ((entry & EMIT) != 0) {
                dst[n++] = (byte) entry;
            }
            state = entry >>> 16;
        }
        if (!ACCEPT[state]) {
            throw new HpackException("invalid Huffman padding");
        }
        return n;
    }

    /** Builds the code tree (internal nodes 0..255, leaves as -1 - symbol), then the automaton. */
    private static void buildAutomaton() {
        int[][] child = new int[2][256];
        int nodes = 1;
        for (int sym = 0; sym <= EOS; sym++) {
            int node = 0;
            for (int bit = LENGTHS[sym] - 1; bit > 0; bit--) {
                int b = (CODES[sym] >>> bit) & 1;
                if (child[b][node] == 0) {
                    child[b][node] = nodes++;
                }
                node = child[b][node];
            }
            child[CODES[sym] & 1][node] = -1 - sym;
        }
        // The all-ones spine from the root: depth d node is reached by d one-bits.
        int spine = 0;
        for (int depth = 0; depth <= 7; depth++) {
            ACCEPT[spine] = true;
            spine = child[1][spine];
        }
        for (int state = 0; state < 256; state++) {
            for (int nibble = 0; nibble < 16; nibble++) {
                int node = state;
                int entry = 0;
                for (int bit = 3; bit >= 0; bit--) {
                    int next = child[(nibble >>> bit) & 1][node];
                    if (next < 0) {
                        int sym = -1 - next;
                        entry = sym == EOS ? FAIL : EMIT | sym;
                        node = 0;
                    } else {
                        node = next;
                    }
                }
                DECODE[(state << 4) | nibble] = (node << 16) | entry;
            }
        }
    }
}
