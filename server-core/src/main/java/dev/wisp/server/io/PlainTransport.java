package dev.wisp.server.io;

import java.io.IOException;
import java.io.InputStream;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.nio.ByteBuffer;
import java.nio.channels.AsynchronousCloseException;
import java.nio.channels.ClosedByInterruptException;
import java.nio.channels.FileChannel;
import java.nio.channels.SelectionKey;
import java.nio.channels.SocketChannel;
import java.util.concurrent.locks.LockSupport;

/**
 * A plain TCP connection; files leave through {@code sendfile} where the platform has it.
 *
 * <p>With a {@link ReadinessLoop} the socket is non-blocking and the blocking behaviour the
 * {@link Transport} contract promises is built here: a read or write that can't proceed parks its
 * thread until the loop says the socket is ready. A read right after a write (the next keep-alive
 * request, the next WebSocket frame) doesn't even try the socket: it parks at once and the loop
 * reads into its buffer when bytes arrive, which saves the EAGAIN read and the poller re-arm the
 * JDK's blocking read costs. Other reads (the rest of a head, a body) try the socket first.
 * Without a loop it is the JDK's blocking socket.
 *
 * <p>Read side states: {@code IDLE} (registered for reading, no reader parked), {@code WAITING}
 * (a reader parked; the loop may read for it), {@code READING} (the loop is reading for it),
 * {@code DONE} (the result is there), {@code PENDING} (bytes came with no reader parked; the loop
 * leaves them for the reader, which usually runs before the loop's next pass), {@code DISARMED}
 * (still there a pass later: the loop took the socket out of its read interest so that it doesn't
 * report them again and again; the next read takes them itself). Only the reader moves out of
 * {@code DONE} and {@code DISARMED}.
 */
public final class PlainTransport implements Transport, ReadinessLoop.Ready {
    private static final int IDLE = 0, WAITING = 1, READING = 2, DONE = 3, DISARMED = 4, PENDING = 5;
    private static final VarHandle STATE;
    /** A read at least this large that fills its buffer marks a stream in progress. */
    private static final int STREAMING_READ = 8192;

    static {
        try {
            STATE = MethodHandles.lookup().findVarHandle(PlainTransport.class, "state", int.class);
        } catch (ReflectiveOperationException e) {
            throw new ExceptionInInitializerError(e);
        }
    }

    private final SocketChannel channel;
    private final ReadinessLoop loop;
    private final InputStream input;
    private volatile SelectionKey key;
    /** The last write came after the last read: the peer is probably thinking, not sending. */
    private boolean afterWrite;
    /** The last read filled its buffer to the end. */
    private boolean lastFilled;

    private volatile int state = IDLE;
    private volatile Thread reader;
    private ByteBuffer readTarget;
    /** The reader's last array as a buffer, reused while the array is. */
    private ByteBuffer view;
    private byte[] viewArray;
    private int readResult;
    private IOException readFailure;

    private volatile Thread writer;
    private volatile boolean writable;
    private volatile boolean closed;

    /** The JDK's blocking socket. */
    public PlainTransport(SocketChannel channel) throws IOException {
        this.channel = channel;
        this.loop = null;
        this.input = channel.socket().getInputStream();
    }

    /** A non-blocking socket whose waits go through {@code loop}. */
    public PlainTransport(SocketChannel channel, ReadinessLoop loop) throws IOException {
        this.channel = channel;
        this.loop = loop;
        channel.configureBlocking(false);
        this.input = new Input();
    }

    @Override
    public InputStream input() {
        return input;
    }

    @Override
    public void write(ByteBuffer[] buffers) throws IOException {
        if (loop == null) {
            if (buffers.length == 1) {
                ByteBuffer b = buffers[0];
                while (b.hasRemaining()) {
                    channel.write(b);
                }
                return;
            }
            ByteBuffer last = buffers[buffers.length - 1];
            while (last.hasRemaining()) {
                channel.write(buffers); // gathering: a head and a body leave in one system call
            }
            return;
        }
        afterWrite = true;
        ByteBuffer last = buffers[buffers.length - 1];
        while (last.hasRemaining()) {
            long n = buffers.length == 1 ? channel.write(last) : channel.write(buffers);
            if (n == 0) {
                awaitWritable();
            }
        }
    }

    @Override
    public long transferFrom(FileChannel file, long position, long count) throws IOException {
        afterWrite = true;
        long n = file.transferTo(position, count, channel);
        if (n == 0 && loop != null && count > 0 && position < file.size()) {
            awaitWritable(); // non-blocking sendfile found the socket buffer full
            n = file.transferTo(position, count, channel);
        }
        return n;
    }

    @Override
    public void shutdownInput() throws IOException {
        channel.shutdownInput();
        if (loop != null) {
            finishRead(WAITING, -1, null); // the watchdog's wake-up: the read sees end of input
        }
    }

    @Override
    public void shutdownOutput() throws IOException {
        channel.shutdownOutput();
    }

    @Override
    public void close() {
        closed = true;
        try {
            channel.close();
        } catch (IOException ignored) {
            // Nothing more can be done for this connection.
        }
        if (loop != null) {
            finishRead(WAITING, 0, new AsynchronousCloseException());
            LockSupport.unpark(reader); // if the loop held the read just now, the reader retries this
            LockSupport.unpark(writer);
            if (key != null) {
                loop.wakeup(); // a registered socket is only really closed when the selector drops its key
            }
        }
    }

    // ---- the loop's side ----

    @Override
    public void ready(SelectionKey key, int readyOps) {
        if ((readyOps & SelectionKey.OP_WRITE) != 0) {
            key.interestOpsAnd(~SelectionKey.OP_WRITE);
            writable = true;
            LockSupport.unpark(writer);
        }
        if ((readyOps & SelectionKey.OP_READ) == 0) {
            return;
        }
        if (STATE.compareAndSet(this, WAITING, READING)) {
            int n;
            try {
                n = channel.read(readTarget);
            } catch (IOException e) {
                finishRead(READING, 0, e);
                return;
            }
            if (n == 0) {
                state = WAITING; // nothing after all; stay registered
            } else {
                finishRead(READING, n, null);
            }
        } else if (state == IDLE) {
            // First sighting with no reader parked: it is usually queued to run before this
            // loop's next pass, and then takes the bytes itself with no change to the interest set.
            STATE.compareAndSet(this, IDLE, PENDING);
        } else if (state == PENDING) {
            // Still not taken a pass later (the reader waits on something else): stop reporting.
            // Out of the interest set before the state says so: a reader that sees DISARMED and
            // re-arms must not have its re-arm undone by this.
            key.interestOpsAnd(~SelectionKey.OP_READ);
            if (!STATE.compareAndSet(this, PENDING, DISARMED)) {
                key.interestOpsOr(SelectionKey.OP_READ); // a reader came meanwhile: report again
            }
        }
    }

    /**
     * Hands the reader its result. Through READING, never straight to DONE: a reader woken early
     * (an unpark left over from an earlier read) must not see DONE before the result is written.
     */
    private void finishRead(int from, int result, IOException failure) {
        if (from == READING || STATE.compareAndSet(this, from, READING)) {
            readResult = result;
            readFailure = failure;
            state = DONE; // publishes the two fields above to the reader
            LockSupport.unpark(reader);
        }
    }

    /** For tests: bytes came while no read waited, and the loop stopped watching the socket. */
    boolean disarmed() {
        return state == DISARMED;
    }

    // ---- the connection's side ----

    private int read(byte[] b, int off, int len) throws IOException {
        if (len == 0) {
            return 0;
        }
        return read(view(b, off, len)); // only with a loop: without one, input() is the JDK's stream
    }

    /**
     * Reads into {@code target} (it must have room): the count read, or -1 at end of input; parks
     * until there is something. For a transport layered on this one (TLS records).
     */
    public int read(ByteBuffer target) throws IOException {
        if (loop == null) {
            return channel.read(target);
        }
        // A large read that filled the whole buffer suggests more is waiting (a body, a large
        // message): then try the socket first even after a write. (A small read filling exactly
        // what a parser asked for, a frame header, says nothing.)
        boolean tryFirst = !afterWrite || key == null || lastFilled;
        afterWrite = false;
        int n = readOrPark(target, tryFirst);
        lastFilled = n >= STREAMING_READ && !target.hasRemaining();
        return n;
    }

    private int readOrPark(ByteBuffer target, boolean tryFirst) throws IOException {
        while (true) {
            int s = state;
            if (s == PENDING) {
                if (!STATE.compareAndSet(this, PENDING, IDLE)) {
                    continue; // the loop has just disarmed
                }
                s = IDLE;
                tryFirst = true; // the loop has seen bytes waiting
            }
            if (tryFirst || s == DISARMED) {
                int n = channel.read(target);
                if (n != 0) {
                    return n;
                }
            }
            tryFirst = false;
            SelectionKey key = key();
            readTarget = target;
            reader = Thread.currentThread();
            if (s == DISARMED) {
                state = WAITING;
                key.interestOpsOr(SelectionKey.OP_READ);
                loop.wakeup();
            } else if (!STATE.compareAndSet(this, IDLE, WAITING)) {
                continue; // the loop has just seen bytes arrive: read them here
            }
            return awaitRead();
        }
    }

    /**
     * The socket's registration, made on the first wait. HTTP/2's reader and writer threads may
     * both come here first, hence the lock; it is registered for reading either way.
     */
    private SelectionKey key() throws IOException {
        SelectionKey k = key;
        if (k == null) {
            synchronized (this) {
                k = key;
                if (k == null) {
                    k = loop.register(channel, SelectionKey.OP_READ, this);
                    key = k;
                    if (closed) {
                        loop.wakeup(); // close() ran meanwhile and did not see the key: drop it now
                    }
                }
            }
        }
        return k;
    }

    private ByteBuffer view(byte[] b, int off, int len) {
        if (b != viewArray) {
            viewArray = b;
            view = ByteBuffer.wrap(b);
        }
        return view.clear().position(off).limit(off + len);
    }

    private int awaitRead() throws IOException {
        boolean interrupted = false;
        while (state != DONE) {
            if (closed) {
                finishRead(WAITING, 0, new AsynchronousCloseException());
            }
            LockSupport.park(this);
            if (Thread.interrupted()) {
                interrupted = true;
                close(); // as an interrupted blocking channel read would
            }
        }
        int n = readResult;
        IOException failure = readFailure;
        readFailure = null;
        state = IDLE;
        if (interrupted) {
            Thread.currentThread().interrupt();
            throw new ClosedByInterruptException();
        }
        if (failure != null) {
            throw failure;
        }
        return n;
    }

    private void awaitWritable() throws IOException {
        SelectionKey key = key();
        writable = false;
        writer = Thread.currentThread();
        key.interestOpsOr(SelectionKey.OP_WRITE);
        loop.wakeup();
        while (!writable) {
            if (closed) {
                throw new AsynchronousCloseException();
            }
            LockSupport.park(this);
            if (Thread.interrupted()) {
                close();
                Thread.currentThread().interrupt();
                throw new ClosedByInterruptException();
            }
        }
    }

    /** The stream over the non-blocking reads. */
    private final class Input extends InputStream {
        private final byte[] one = new byte[1];

        @Override
        public int read() throws IOException {
            return read(one, 0, 1) < 0 ? -1 : one[0] & 0xff;
        }

        @Override
        public int read(byte[] b, int off, int len) throws IOException {
            return PlainTransport.this.read(b, off, len);
        }

        @Override
        public void close() {
            PlainTransport.this.close();
        }
    }
}
