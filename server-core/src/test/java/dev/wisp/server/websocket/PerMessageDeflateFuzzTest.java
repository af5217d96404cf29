package dev.wisp.server.websocket;

import static org.junit.jupiter.api.Assertions.assertEquals;

import com.code_intelligence.jazzer.junit.FuzzTest;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Timeout;

/**
 * Fuzzes permessage-deflate (RFC 7692): the input up to its first NUL byte is a
 * {@code Sec-WebSocket-Extensions} value for the negotiation, the rest the client's frames,
 * received with what was negotiated (or with context takeover when nothing was). Negotiation must
 * never throw, and an accepted offer's response must negotiate to the same parameters; the frames
 * follow the rules of {@link WsFuzz}, which also bound what an inflated message may allocate.
 */
@Timeout(value = 10, unit = TimeUnit.SECONDS)
class PerMessageDeflateFuzzTest {

    @FuzzTest(maxDuration = "15s")
    void negotiatesAndInflatesOrFailsTheSession(byte[] data) {
        int nul = 0;
        while (nul < data.length && data[nul] != 0) {
            nul++;
        }
        String offer = new String(data, 0, nul, StandardCharsets.ISO_8859_1);
        DeflateParams params = DeflateNegotiation.negotiate(List.of(offer));
        if (params != null) {
            DeflateParams again = DeflateNegotiation.negotiate(List.of(params.responseHeader()));
            assertEquals(params.serverNoContextTakeover(), again.serverNoContextTakeover());
            assertEquals(params.clientNoContextTakeover(), again.clientNoContextTakeover());
        }
        byte[] frames = nul < data.length ? java.util.Arrays.copyOfRange(data, nul + 1, data.length) : new byte[0];
        WsFuzz.receivesOrFails(frames, params != null ? params : new DeflateParams(false, false, 0));
    }
}
