package dev.wisp.server.http2;

/**
 * The most recently closed streams of a connection, to tell apart the frames a closed stream may
 * still receive (RFC 9113 §5.1): after this server sent RST_STREAM, frames already in flight
 * must be ignored; after a normal close they are a STREAM_CLOSED error; a stream id never seen
 * below the highest is a PROTOCOL_ERROR (§5.1.1). Bounded: older streams count as never seen.
 * Thread-safe (stream threads add, the reader looks up).
 */
final class ClosedStreams {
    static final int UNKNOWN = 0;
    static final int CLOSED = 1;
    static final int RESET_BY_US = 2;
    private static final int SIZE = 64;

    private final int[] ids = new int[SIZE];
    private final byte[] kinds = new byte[SIZE];
    private int next;

    synchronized void add(int streamId, boolean resetByUs) {
        ids[next] = streamId;
        kinds[next] = (byte) (resetByUs ? RESET_BY_US : CLOSED);
        next = (next + 1) % SIZE;
    }

    synchronized int lookup(int streamId) {
        for (int i = 0; i < SIZE; i++) {
            if (ids[i] == streamId && streamId != 0) {
                return kinds[i];
            }
        }
        return UNKNOWN;
    }
}
