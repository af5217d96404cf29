package dev.wisp.server.io;

import java.nio.ByteBuffer;
import java.util.concurrent.ArrayBlockingQueue;

/**
 * A bounded, server-wide pool of direct buffers for moving body bytes between the socket and a
 * streamed response without copying them through the heap.
 *
 * <p>Why direct: the JDK reads and writes a heap array through a temporary direct buffer of its
 * own, so every body byte echoed through a {@code byte[]} is copied twice in user space; a
 * direct buffer goes to the kernel as it is.
 *
 * <p>Why pooled server-wide rather than per connection: a connection borrows one only for the
 * length of one body transfer and gives it back before it waits for the next request, so an
 * idle connection holds none (the ≤ 16 KiB idle budget holds). At most {@value #MAX_POOLED}
 * buffers of {@value #SIZE} bytes (4 MiB) are kept; a transfer that finds the pool empty
 * allocates a new one, which is dropped on return when the pool is full.
 *
 * <p>Thread-safe; the lock is a {@code ReentrantLock}, which doesn't pin a virtual thread's carrier.
 */
public final class DirectBuffers {
    /** Bytes per buffer: the same step as the heap path's body copy. */
    public static final int SIZE = 64 * 1024;
    private static final int MAX_POOLED = 64;
    private static final ArrayBlockingQueue<ByteBuffer> POOL = new ArrayBlockingQueue<>(MAX_POOLED);

    private DirectBuffers() {}

    /** A cleared buffer of {@link #SIZE} bytes, to be given back with {@link #release}. */
    public static ByteBuffer take() {
        ByteBuffer b = POOL.poll();
        return b != null ? b.clear() : ByteBuffer.allocateDirect(SIZE);
    }

    /** Gives {@code buffer} back; the caller must not touch it again. */
    public static void release(ByteBuffer buffer) {
        POOL.offer(buffer);
    }
}
