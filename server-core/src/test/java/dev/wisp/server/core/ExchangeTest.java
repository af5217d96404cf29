package dev.wisp.server.core;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;

import dev.wisp.server.Attributes;
import dev.wisp.server.ConnectionInfo;
import dev.wisp.server.Handler;
import dev.wisp.server.Headers;
import dev.wisp.server.HttpProtocolException;
import dev.wisp.server.Limits;
import dev.wisp.server.Request;
import dev.wisp.server.Response;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** The one failure classification every protocol shares. */
@Timeout(value = 10, unit = TimeUnit.SECONDS)
class ExchangeTest {
    static final InetSocketAddress ADDRESS = new InetSocketAddress("127.0.0.1", 1);
    static final Request REQUEST = new Request("GET", "/", "/", "/", "", "HTTP/1.1", Headers.of("Host", "t"),
            ConnectionInfo.plain(ADDRESS, ADDRESS), new ByteArrayInputStream(new byte[0]), Attributes.empty());

    static Exchange exchange(Handler handler) {
        return new Exchange(handler, Limits.defaults(), () -> false);
    }

    @Test
    void passesTheHandlersResponseThrough() {
        Response ok = Response.text("ok");
        assertSame(ok, exchange(r -> ok).run(REQUEST, () -> false));
    }

    @Test
    void aProtocolExceptionBecomesItsStatusAndCloseFlag() {
        Response r = exchange(req -> {
            throw new HttpProtocolException(413, "Request body too large", true);
        }).run(REQUEST, () -> false);
        assertEquals(413, r.status());
        assertEquals("Request body too large\n", r.bodyText());
        assertEquals("close", r.header("Connection"));

        Response kept = exchange(req -> {
            throw new HttpProtocolException(400, "Bad", false);
        }).run(REQUEST, () -> false);
        assertNull(kept.header("Connection"));
    }

    @Test
    void anyOtherFailureOrNullIsTheOneGeneric500() {
        Response thrown = exchange(req -> {
            throw new IllegalStateException("secret detail");
        }).run(REQUEST, () -> false);
        Response nulled = exchange(req -> null).run(REQUEST, () -> false);
        assertSame(Responses.internalError(), thrown);
        assertSame(Responses.internalError(), nulled);
        assertEquals("Internal Server Error\n", thrown.bodyText());
    }

    @Test
    void aFailureAfterThePeerLeftGetsNoResponse() {
        assertNull(exchange(req -> {
            throw new IOException("Connection reset");
        }).run(REQUEST, () -> true));
        assertNull(exchange(req -> {
            throw new HttpProtocolException(400, "cut short", true);
        }).run(REQUEST, () -> true));
    }

    @Test
    void anInterruptDuringShutdownGetsNoResponse() {
        Exchange closing = new Exchange(req -> {
            throw new InterruptedException();
        }, Limits.defaults(), () -> true);
        assertNull(closing.run(REQUEST, () -> false));
    }

    @Test
    void pastTheCapAndItsQueueAnswers503AndCountsWhatItAdmitted() throws Exception {
        CountDownLatch entered = new CountDownLatch(1);
        CountDownLatch release = new CountDownLatch(1);
        Exchange capped = new Exchange(req -> {
            entered.countDown();
            release.await();
            return Response.text("ok");
        }, Limits.defaults().withMaxConcurrentRequests(1, 0), () -> false);
        AtomicReference<Response> first = new AtomicReference<>();
        Thread t = Thread.ofVirtual().start(() -> first.set(capped.run(REQUEST, () -> false)));
        entered.await();
        assertEquals(1, capped.activeRequests());
        Response rejected = capped.run(REQUEST, () -> false);
        assertEquals(503, rejected.status());
        assertEquals("1", rejected.header("Retry-After"));
        release.countDown();
        t.join();
        assertEquals(200, first.get().status());
        assertEquals(0, capped.activeRequests());
    }

    @Test
    void writeFailuresAreClassifiedOnce() {
        Exchange e = exchange(r -> null);
        assertNull(e.writeFailed(REQUEST, new IOException("reset"), true, false));
        assertEquals(400, e.writeFailed(REQUEST, HttpProtocolException.badRequest("bad chunk"), false, false).status());
        assertNull(e.writeFailed(REQUEST, HttpProtocolException.badRequest("bad chunk"), false, true));
        assertSame(Responses.internalError(), e.writeFailed(REQUEST, new IllegalStateException(), false, false));
        assertNull(e.writeFailed(REQUEST, new IllegalStateException(), false, true));
    }
}
