package dev.wisp.server;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.code_intelligence.jazzer.junit.FuzzTest;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Timeout;

/**
 * Fuzzes the shared percent-decoder ({@link PercentEncoding}). The input is Latin-1 text, as the
 * server hands over a raw target. Acceptable outcomes: decoded text that keeps the decoder's
 * promises, or {@link PercentEncoding.MalformedException} with a fixed message. Seeds are in
 * {@code src/test/resources/dev/wisp/server/PercentEncodingFuzzTestInputs/}.
 */
@Timeout(value = 10, unit = TimeUnit.SECONDS)
class PercentEncodingFuzzTest {

    @FuzzTest(maxDuration = "15s")
    void decodesOrRejects(byte[] data) {
        String text = new String(data, StandardCharsets.ISO_8859_1);
        String path;
        try {
            path = PercentEncoding.decodePath(text);
        } catch (PercentEncoding.MalformedException e) {
            assertTrue(e.getMessage() != null && !e.getMessage().isBlank(), "an error says what was wrong");
            return;
        }
        assertEquals(-1, path.indexOf('\0'), "NUL in a decoded path");
        assertTrue(path.length() <= text.length(), "decoding made the text longer");
        if (text.indexOf('%') < 0) {
            assertEquals(text, path, "text without escapes changed");
        }
        // Encoding every byte again and decoding gives the same text: decoding is exact.
        StringBuilder encoded = new StringBuilder();
        for (byte b : path.getBytes(StandardCharsets.UTF_8)) {
            encoded.append('%').append(Character.forDigit((b >> 4) & 0xf, 16)).append(Character.forDigit(b & 0xf, 16));
        }
        assertEquals(path, PercentEncoding.decodePath(encoded.toString()), "round trip");
        // A path decodes like a component except for '+'.
        if (text.indexOf('+') < 0) {
            assertEquals(path, PercentEncoding.decodeComponent(text, 0, text.length()), "path and component differ");
        }
    }
}
