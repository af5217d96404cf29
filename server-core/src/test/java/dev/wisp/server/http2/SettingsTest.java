package dev.wisp.server.http2;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** SETTINGS values (RFC 9113 §6.5.2): the initial values, applying a parameter, and the invalid ones. */
@Timeout(value = 10, unit = TimeUnit.SECONDS)
class SettingsTest {

    @Test
    void startsFromTheInitialValuesOfTheRfc() {
        Settings d = Settings.DEFAULTS;
        assertEquals(4096, d.headerTableSize());
        assertEquals(1, d.enablePush());
        assertEquals(Settings.UNLIMITED, d.maxConcurrentStreams());
        assertEquals(65_535, d.initialWindowSize());
        assertEquals(16_384, d.maxFrameSize());
        assertEquals(Settings.UNLIMITED, d.maxHeaderListSize());
    }

    @Test
    void appliesOneParameterAndIgnoresUnknownOnes() throws Http2Exception {
        Settings s = Settings.DEFAULTS.with(Settings.MAX_FRAME_SIZE, 1 << 20).with(Settings.HEADER_TABLE_SIZE, 0);
        assertEquals(1 << 20, s.get(Settings.MAX_FRAME_SIZE));
        assertEquals(0, s.headerTableSize());
        assertSame(s, s.with(0x8, 1), "SETTINGS_ENABLE_CONNECT_PROTOCOL is not known here: ignored");
        assertEquals(-1, s.get(0x8));
        assertEquals(Integer.MAX_VALUE, Settings.DEFAULTS.with(Settings.INITIAL_WINDOW_SIZE, Integer.MAX_VALUE).initialWindowSize());
        assertEquals(0xffff_ffffL, Settings.DEFAULTS.with(Settings.MAX_HEADER_LIST_SIZE, 0xffff_ffffL).maxHeaderListSize());
    }

    @ParameterizedTest(name = "parameter {0} = {1}")
    @CsvSource({
            "2, 2, PROTOCOL_ERROR",
            "4, 2147483648, FLOW_CONTROL_ERROR",
            "4, 4294967295, FLOW_CONTROL_ERROR",
            "5, 16383, PROTOCOL_ERROR",
            "5, 16777216, PROTOCOL_ERROR",
            "5, 0, PROTOCOL_ERROR"})
    void rejectsInvalidValuesWithTheCodeOfSection6_5_2(int id, long value, ErrorCode code) {
        Http2Exception e = assertThrows(Http2Exception.class, () -> Settings.DEFAULTS.with(id, value));
        assertEquals(code, e.code());
        assertEquals(true, e.isConnectionError());
    }
}
