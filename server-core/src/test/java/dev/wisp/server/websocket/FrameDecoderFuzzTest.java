package dev.wisp.server.websocket;

import com.code_intelligence.jazzer.junit.FuzzTest;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Timeout;

/**
 * Fuzzes the frame decoder and message assembly (RFC 6455 §5) through a session's
 * {@code receive()}, without compression. The rules for an acceptable outcome are in {@link WsFuzz}.
 */
@Timeout(value = 10, unit = TimeUnit.SECONDS)
class FrameDecoderFuzzTest {

    @FuzzTest(maxDuration = "15s")
    void decodesFramesOrFailsTheSession(byte[] data) {
        WsFuzz.receivesOrFails(data, null);
    }
}
