package dev.wisp.server.http2;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.nio.ByteBuffer;
import java.util.Arrays;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** The frame writer: exact bytes for each frame, and what it writes decodes back to the same frames. */
@Timeout(value = 10, unit = TimeUnit.SECONDS)
class FrameWriterTest {
    private final ByteBuffer out = ByteBuffer.allocate(1 << 16);

    private String written() {
        return Hex.of(Arrays.copyOf(out.array(), out.position()));
    }

    private String decoded() {
        return FrameDecoderTest.decode(Arrays.copyOf(out.array(), out.position()), false).strip();
    }

    @Test
    void writesControlFrames() {
        FrameWriter.settingsAck(out);
        FrameWriter.ping(out, true, 0x0102030405060708L);
        FrameWriter.windowUpdate(out, 3, 65535);
        FrameWriter.rstStream(out, 3, ErrorCode.CANCEL);
        FrameWriter.goAway(out, 7, ErrorCode.ENHANCE_YOUR_CALM, "calm");
        assertEquals("000000040100000000"
                + "000008060100000000" + "0102030405060708"
                + "000004080000000003" + "0000ffff"
                + "000004030000000003" + "00000008"
                + "00000c070000000000" + "00000007" + "0000000b" + "63616c6d", written());
        assertEquals("SETTINGS ACK\nPING 102030405060708 ACK\nWINDOW_UPDATE 3 65535\nRST_STREAM 3 8\nGOAWAY 7 11 'calm'\nend", decoded());
    }

    @Test
    void writesOnlyTheSettingsThatDifferFromTheDefaults() throws Http2Exception {
        Settings ours = Settings.DEFAULTS.with(Settings.MAX_CONCURRENT_STREAMS, 100)
                .with(Settings.INITIAL_WINDOW_SIZE, 1 << 20).with(Settings.ENABLE_PUSH, 0);
        FrameWriter.settings(out, ours);
        assertEquals("000012040000000000" + "000200000000" + "000300000064" + "000400100000", written());
        assertEquals("setting 2=0\nsetting 3=100\nsetting 4=1048576\nSETTINGS\nend", decoded());
    }

    @Test
    void writesData() {
        FrameWriter.data(out, 1, "hello".getBytes(), 1, 3, true);
        assertEquals("000003000100000001" + "656c6c", written());
        assertEquals("DATA 1 'ell' fc=3 END_STREAM\nend", decoded());
    }

    @Test
    void splitsAHeaderBlockIntoContinuations() {
        byte[] block = new byte[40_000];
        Arrays.fill(block, (byte) 0x88);
        FrameWriter.headers(out, 5, block, 0, block.length, true, 16384);
        assertEquals(FrameWriter.headersLength(block.length, 16384), out.position());
        String run = "88".repeat(16384);
        assertEquals("HEADERS 5 " + run + " END_STREAM\nCONTINUATION 5 " + run + "\nCONTINUATION 5 "
                + "88".repeat(40_000 - 2 * 16384) + " END_HEADERS\nend", decoded());
    }

    @Test
    void writesASmallBlockAsOneFrame() {
        FrameWriter.headers(out, 1, new byte[] {(byte) 0x88}, 0, 1, false, 16384);
        assertEquals("000001010400000001" + "88", written());
        assertEquals(10, FrameWriter.headersLength(1, 16384));
    }

    @Test
    void refusesValuesItCannotEncode() {
        assertThrows(IllegalArgumentException.class, () -> FrameWriter.windowUpdate(out, 1, 0));
        assertThrows(IllegalArgumentException.class, () -> FrameWriter.header(out, 1 << 24, Frame.DATA, 0, 1));
    }
}
