package dev.wisp.server.io;

/**
 * Whether a connection's virtual thread should yield once before it waits for the next request,
 * decided per connection from how that paid so far.
 *
 * <p>Why: on JDK 22+ a blocking socket read on a virtual thread first tries the read, and when
 * nothing has arrived (EAGAIN) it re-arms the fd's one-shot registration with the read poller
 * ({@code epoll_ctl}) and parks; the poller unparks it, and it reads again. When the client's next
 * request is already on its way and the carrier has other connections to run, yielding first lets
 * those run, and the read that follows usually finds the request: one {@code read} instead of
 * {@code read} (EAGAIN) + {@code epoll_ctl} + park/unpark + {@code read}.
 *
 * <p>When it doesn't pay (a lone client; the carrier has nothing else to run, so the yield returns
 * at once) the miss costs a yield and one extra EAGAIN read. So each miss doubles the number of
 * idle waits that skip the yield (up to {@value #MAX_SKIP_SHIFT} doublings: at most one probe in
 * 64 idle waits), and a hit resets it. Never spins: at most one yield and one non-blocking read per
 * idle wait.
 *
 * <p>Owned by one connection's thread; not thread-safe.
 */
final class IdleYield {
    private static final int MAX_SKIP_SHIFT = 6;
    private int misses;
    private int skip;

    /** Whether this idle wait should yield and try a read that doesn't wait. */
    boolean shouldTry() {
        if (skip > 0) {
            skip--;
            return false;
        }
        return Thread.currentThread().isVirtual();
    }

    /** The read after the yield found bytes (or the end of the stream). */
    void hit() {
        misses = 0;
    }

    /** The read after the yield found nothing: back off. */
    void miss() {
        misses = Math.min(misses + 1, MAX_SKIP_SHIFT);
        skip = (1 << misses) - 1;
    }
}
