package dev.wisp.web.fuzz;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.code_intelligence.jazzer.junit.FuzzTest;
import dev.wisp.server.PercentEncoding;
import dev.wisp.web.Params;
import dev.wisp.web.UrlEncoded;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Timeout;

/**
 * Fuzzes the query and form decoder ({@link UrlEncoded}). Acceptable outcomes: {@link Params} that
 * keep their promises, or {@link PercentEncoding.MalformedException}, its one documented error type. The input arrives as
 * the server hands a query over: Latin-1 characters of the raw target. Seeds are in
 * {@code src/test/resources/dev/wisp/web/fuzz/UrlEncodedFuzzTestInputs/}; see the README for the
 * fuzzing command.
 */
@Timeout(value = 10, unit = TimeUnit.SECONDS)
class UrlEncodedFuzzTest {
    private static final int MAX_PAIRS = 50;

    @FuzzTest(maxDuration = "15s")
    void decodesOrRejects(byte[] data) {
        String text = new String(data, StandardCharsets.ISO_8859_1);
        Params params;
        try {
            params = UrlEncoded.parse(text, MAX_PAIRS, "Parameter");
        } catch (PercentEncoding.MalformedException e) {
            assertTrue(e.getMessage() != null && !e.getMessage().isBlank(), "a decoding error says what was wrong");
            return;
        }
        assertTrue(params.size() <= MAX_PAIRS, "more pairs than the cap: " + params.size());
        for (String name : params.names()) {
            assertTrue(params.has(name));
            assertEquals(params.all(name).getFirst(), params.get(name), "get is the first of all");
            assertTrue(name.indexOf('&') < 0 || text.contains("%26"), "an unescaped '&' inside a key");
        }
        // Same input, same result: the decoder keeps no state between calls.
        assertEquals(params.names(), UrlEncoded.parse(text, MAX_PAIRS, "Parameter").names());
    }
}
