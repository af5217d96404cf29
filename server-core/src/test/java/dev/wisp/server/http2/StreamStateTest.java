package dev.wisp.server.http2;

import static dev.wisp.server.http2.StreamState.CLOSED;
import static dev.wisp.server.http2.StreamState.HALF_CLOSED_LOCAL;
import static dev.wisp.server.http2.StreamState.HALF_CLOSED_REMOTE;
import static dev.wisp.server.http2.StreamState.IDLE;
import static dev.wisp.server.http2.StreamState.OPEN;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** The stream state machine of RFC 9113 §5.1, one row per state and frame received. */
@Timeout(value = 10, unit = TimeUnit.SECONDS)
class StreamStateTest {

    /** The outcome of receiving a frame: the next state, or the error as "connection CODE" / "stream CODE". */
    private static String receive(StreamState state, String type, boolean endStream) {
        try {
            return state.received(type(type), endStream, 7).name();
        } catch (Http2Exception e) {
            return (e.isConnectionError() ? "connection " : "stream ") + e.code();
        }
    }

    private static int type(String name) {
        for (int t = 0; t <= 9; t++) {
            if (Frame.typeName(t).equals(name)) {
                return t;
            }
        }
        throw new IllegalArgumentException(name);
    }

    @ParameterizedTest(name = "{0} + {1} end={2} -> {3}")
    @CsvSource(textBlock = """
            IDLE, HEADERS, false, OPEN
            IDLE, HEADERS, true, HALF_CLOSED_REMOTE
            IDLE, PRIORITY, false, IDLE
            IDLE, DATA, false, connection PROTOCOL_ERROR
            IDLE, RST_STREAM, false, connection PROTOCOL_ERROR
            IDLE, WINDOW_UPDATE, false, connection PROTOCOL_ERROR
            OPEN, DATA, false, OPEN
            OPEN, DATA, true, HALF_CLOSED_REMOTE
            OPEN, HEADERS, true, HALF_CLOSED_REMOTE
            OPEN, HEADERS, false, stream PROTOCOL_ERROR
            OPEN, WINDOW_UPDATE, false, OPEN
            OPEN, PRIORITY, false, OPEN
            OPEN, RST_STREAM, false, CLOSED
            HALF_CLOSED_LOCAL, DATA, false, HALF_CLOSED_LOCAL
            HALF_CLOSED_LOCAL, DATA, true, CLOSED
            HALF_CLOSED_LOCAL, HEADERS, true, CLOSED
            HALF_CLOSED_LOCAL, RST_STREAM, false, CLOSED
            HALF_CLOSED_REMOTE, DATA, false, stream STREAM_CLOSED
            HALF_CLOSED_REMOTE, HEADERS, true, stream STREAM_CLOSED
            HALF_CLOSED_REMOTE, WINDOW_UPDATE, false, HALF_CLOSED_REMOTE
            HALF_CLOSED_REMOTE, PRIORITY, false, HALF_CLOSED_REMOTE
            HALF_CLOSED_REMOTE, RST_STREAM, false, CLOSED
            CLOSED, DATA, false, stream STREAM_CLOSED
            CLOSED, HEADERS, false, stream STREAM_CLOSED
            CLOSED, WINDOW_UPDATE, false, CLOSED
            CLOSED, RST_STREAM, false, CLOSED
            CLOSED, PRIORITY, false, CLOSED
            """)
    void receiving(StreamState state, String type, boolean endStream, String expected) {
        assertEquals(expected, receive(state, type, endStream));
    }

    @Test
    void sending() {
        assertEquals(OPEN, OPEN.sent(Frame.HEADERS, false));
        assertEquals(HALF_CLOSED_LOCAL, OPEN.sent(Frame.DATA, true));
        assertEquals(CLOSED, HALF_CLOSED_REMOTE.sent(Frame.HEADERS, true));
        assertEquals(CLOSED, HALF_CLOSED_REMOTE.sent(Frame.RST_STREAM, false));
        assertEquals(CLOSED, OPEN.sent(Frame.RST_STREAM, false));
        assertEquals(HALF_CLOSED_LOCAL, HALF_CLOSED_LOCAL.sent(Frame.WINDOW_UPDATE, false));
        assertThrows(IllegalStateException.class, () -> HALF_CLOSED_LOCAL.sent(Frame.DATA, false));
        assertThrows(IllegalStateException.class, () -> CLOSED.sent(Frame.HEADERS, true));
        assertThrows(IllegalStateException.class, () -> IDLE.sent(Frame.RST_STREAM, false));
    }
}
