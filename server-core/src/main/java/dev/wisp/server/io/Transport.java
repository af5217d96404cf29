package dev.wisp.server.io;

import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;

/**
 * The byte input and output of one connection, plain or TLS, so that parsers and writers don't
 * know which. Reads and writes block the calling (virtual) thread.
 *
 * <p>Timeouts are not enforced here: the server's watchdog calls {@link #shutdownInput()} to wake
 * a read past its deadline and {@link #close()} to end a write that has stopped moving.
 */
public interface Transport {

    /** The stream of received (for TLS: decrypted) bytes; -1 once the peer has finished sending. */
    InputStream input();

    /**
     * Writes all of {@code buffers[offset..]}' remaining bytes, or throws. One call may park until
     * the peer has taken them all.
     */
    void write(ByteBuffer[] buffers) throws IOException;

    /**
     * Sends up to {@code count} bytes of {@code file} from {@code position} without copying them
     * through the heap, if this transport can. Returns the count sent, which is 0 when it can't
     * proceed now or at all (TLS must encrypt in user space): the caller then sends a piece
     * through {@link #write}.
     */
    long transferFrom(FileChannel file, long position, long count) throws IOException;

    /** Wakes a blocked read, which then sees end-of-input. */
    void shutdownInput() throws IOException;

    /** No more bytes will be written (TLS: sends {@code close_notify}); the input stays open. */
    void shutdownOutput() throws IOException;

    /** Closes the connection at once, whatever is under way on it; never throws. */
    void close();
}
