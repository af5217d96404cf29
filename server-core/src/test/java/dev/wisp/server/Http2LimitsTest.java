package dev.wisp.server;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

/** The documented HTTP/2 defaults, the switch, and the values RFC 9113 does not allow. */
class Http2LimitsTest {

    @Test
    void defaultsAreTheDocumentedOnes() {
        Http2Limits d = Limits.defaults().http2();
        assertEquals(new Http2Limits(100, 16 * 1024, 16 * 1024, 65_535, 1 << 20, 16, 32 * 1024, 200, 1_000), d);
        assertTrue(ServerConfig.defaults().http2(), "HTTP/2 is on by default");
        assertTrue(!ServerConfig.defaults().withHttp2(false).http2());
    }

    @Test
    void refusesValuesOutsideTheProtocol() {
        Http2Limits d = Http2Limits.defaults();
        assertThrows(IllegalArgumentException.class, () -> d.withMaxFrameBytes(16_383)); // §6.5.2: 2^14..2^24-1
        assertThrows(IllegalArgumentException.class, () -> d.withMaxFrameBytes(1 << 24));
        assertThrows(IllegalArgumentException.class, () -> d.withConnectionWindowBytes(65_534)); // below the initial window
        assertThrows(IllegalArgumentException.class, () -> d.withMaxConcurrentStreams(0));
        assertThrows(IllegalArgumentException.class, () -> d.withResetBudget(0));
        assertThrows(IllegalArgumentException.class, () -> d.withControlFrameBudget(0));
        assertEquals(7, Limits.defaults().withHttp2(d.withMaxConcurrentStreams(7)).http2().maxConcurrentStreams());
    }
}
