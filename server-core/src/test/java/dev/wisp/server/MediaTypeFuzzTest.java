package dev.wisp.server;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.code_intelligence.jazzer.junit.FuzzTest;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Timeout;

/**
 * Fuzzes the media-type parser ({@link MediaType#parse}). The input is Latin-1 text, as a header
 * field value arrives. Acceptable outcomes: empty, or a media type whose canonical form parses to
 * the same value; never an exception. Seeds are in
 * {@code src/test/resources/dev/wisp/server/MediaTypeFuzzTestInputs/}.
 */
@Timeout(value = 10, unit = TimeUnit.SECONDS)
class MediaTypeFuzzTest {

    @FuzzTest(maxDuration = "15s")
    void parsesOrRefuses(byte[] data) {
        String text = new String(data, StandardCharsets.ISO_8859_1);
        MediaType type = MediaType.parse(text).orElse(null);
        if (type == null) {
            return;
        }
        assertTrue(!type.type().isEmpty() && !type.subtype().isEmpty(), "an empty type or subtype");
        assertEquals(type.essence(), type.essence().toLowerCase(java.util.Locale.ROOT), "essence not in lower case");
        assertTrue(type.is(type.essence()), "a type that is not itself");
        assertEquals(type, MediaType.parse(type.toString()).orElseThrow(), "the canonical form parses differently");
        type.charset(StandardCharsets.UTF_8); // any charset name, known or not, is answered
    }
}
