package dev.wisp.server.http2;

/**
 * A header block that cannot be decoded (RFC 7541): a bad index, a truncated or oversized integer
 * or string, invalid Huffman code, a misplaced or too large table size update. The peer's and our
 * dynamic tables may now differ, so every later block is suspect: it is always a connection error
 * of type COMPRESSION_ERROR (RFC 9113 §4.3).
 */
public final class HpackException extends Http2Exception {
    HpackException(String message) {
        super(ErrorCode.COMPRESSION_ERROR, 0, true, message);
    }
}
