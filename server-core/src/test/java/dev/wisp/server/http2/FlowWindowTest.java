package dev.wisp.server.http2;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** Flow-control window arithmetic (RFC 9113 §6.9): send credit, receive credit and their errors. */
@Timeout(value = 10, unit = TimeUnit.SECONDS)
class FlowWindowTest {

    @Test
    void sendingTakesCreditAndWindowUpdatesGiveItBack() throws Http2Exception {
        FlowWindow w = new FlowWindow(1, 65_535);
        w.consume(65_535);
        assertEquals(0, w.available());
        assertThrows(IllegalStateException.class, () -> w.consume(1));
        w.increment(10);
        assertEquals(10, w.available());
    }

    @Test
    void aStreamWindowPast2To31IsAStreamError() throws Http2Exception {
        FlowWindow w = new FlowWindow(3, 65_535);
        w.increment(Integer.MAX_VALUE - 65_535);
        assertEquals(Integer.MAX_VALUE, w.available());
        Http2Exception e = assertThrows(Http2Exception.class, () -> w.increment(1));
        assertEquals(ErrorCode.FLOW_CONTROL_ERROR, e.code());
        assertFalse(e.isConnectionError());
        assertEquals(3, e.streamId());
    }

    @Test
    void theConnectionWindowPast2To31IsAConnectionError() {
        FlowWindow w = new FlowWindow(0, 65_535);
        Http2Exception e = assertThrows(Http2Exception.class, () -> w.increment(Integer.MAX_VALUE));
        assertEquals(ErrorCode.FLOW_CONTROL_ERROR, e.code());
        assertTrue(e.isConnectionError());
    }

    @Test
    void aSmallerInitialWindowCanMakeAWindowNegative() throws Http2Exception {
        // §6.9.2: the sender must then wait for WINDOW_UPDATEs that bring it back above zero.
        FlowWindow w = new FlowWindow(1, 65_535);
        w.consume(60_000);
        w.adjust(65_535, 16_384);
        assertEquals(5_535 - 49_151, w.size());
        assertEquals(0, w.available());
        w.increment(43_616);
        assertEquals(0, w.size());
        w.increment(1);
        assertEquals(1, w.available());
    }

    @Test
    void aLargerInitialWindowPast2To31IsAConnectionError() throws Http2Exception {
        FlowWindow w = new FlowWindow(1, 65_535);
        w.increment(1_000_000);
        Http2Exception e = assertThrows(Http2Exception.class, () -> w.adjust(65_535, Integer.MAX_VALUE));
        assertTrue(e.isConnectionError());
        assertEquals(ErrorCode.FLOW_CONTROL_ERROR, e.code());
    }

    @Test
    void dataBeyondTheGrantIsAFlowControlError() throws Http2Exception {
        ReceiveWindow stream = new ReceiveWindow(5, 100);
        stream.receive(60);
        stream.receive(40);
        Http2Exception e = assertThrows(Http2Exception.class, () -> stream.receive(1));
        assertEquals(5, e.streamId());
        assertEquals(ErrorCode.FLOW_CONTROL_ERROR, e.code());
        ReceiveWindow connection = new ReceiveWindow(0, 100);
        assertTrue(assertThrows(Http2Exception.class, () -> connection.receive(101)).isConnectionError());
    }

    @Test
    void creditReturnsInBatchesOfHalfTheWindowAsTheBodyIsConsumed() throws Http2Exception {
        ReceiveWindow w = new ReceiveWindow(1, 65_536);
        int updates = 0;
        long returned = 0;
        for (int frame = 0; frame < 64; frame++) {
            w.receive(16_384);
            int increment = w.consumed(16_384);
            if (increment > 0) {
                updates++;
                returned += increment;
            }
        }
        assertEquals(32, updates, "one WINDOW_UPDATE per half window, not one per frame");
        assertEquals(64L * 16_384, returned);
        assertEquals(65_536, w.size());
        assertEquals(0, w.consumed(0));
        assertThrows(IllegalStateException.class, () -> w.consumed(1), "cannot consume what did not arrive");
    }
}
