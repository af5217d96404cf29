package dev.wisp.web.multipart;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.code_intelligence.jazzer.junit.FuzzTest;
import dev.wisp.web.problem.HttpException;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Timeout;

/**
 * Fuzzes the multipart reader with its part-header and Content-Disposition parsers. When the
 * input starts with a line (up to {@code \n} in its first 128 bytes) that line is the
 * Content-Type, so boundary parsing is fuzzed too; otherwise the boundary is {@code XyZ}.
 * Acceptable outcomes: parts that keep their limits and promises, or an {@link HttpException}
 * of 400, 413 or 415, the reader's documented errors; the same outcome whether the body arrives
 * whole or one byte per read. Small limits put every 413 within reach. Seeds are in
 * {@code src/test/resources/dev/wisp/web/multipart/MultipartReaderFuzzTestInputs/}; see the
 * README for the fuzzing command.
 */
@Timeout(value = 10, unit = TimeUnit.SECONDS)
class MultipartReaderFuzzTest {
    private static final MultipartLimits LIMITS = MultipartLimits.defaults()
            .withMaxParts(8).withMaxPartHeaderBytes(256).withMaxFieldBytes(64).withMaxFileBytes(512);

    @FuzzTest(maxDuration = "15s")
    void readsOrRejects(byte[] data) throws IOException {
        String contentType = "multipart/form-data; boundary=XyZ";
        byte[] body = data;
        for (int i = 0; i < Math.min(data.length, 128); i++) {
            if (data[i] == '\n') {
                contentType = new String(data, 0, i, StandardCharsets.ISO_8859_1);
                body = Arrays.copyOfRange(data, i + 1, data.length);
                break;
            }
        }
        String whole = outcome(contentType, new ByteArrayInputStream(body));
        assertEquals(whole, outcome(contentType, new SplitStream(body, 1)), "the outcome depends on how the bytes arrive");
    }

    private static String outcome(String contentType, InputStream in) throws IOException {
        List<String> parts = new ArrayList<>();
        try (MultipartReader reader = MultipartReader.of(in, contentType, LIMITS)) {
            for (Part p; (p = reader.next()) != null; ) {
                assertNotNull(p.name());
                byte[] content = p.bytes();
                assertTrue(content.length <= (p.isFile() ? LIMITS.maxFileBytes() : LIMITS.maxFieldBytes()), "content over its limit");
                if (p.isFile()) {
                    checkSafe(p.safeFilename());
                }
                parts.add(p.name() + "|" + p.filename() + "|" + p.contentType() + "|" + Arrays.hashCode(content));
                assertTrue(parts.size() <= LIMITS.maxParts(), "more parts than the limit");
            }
        } catch (HttpException e) {
            assertTrue(e.status() == 400 || e.status() == 413 || e.status() == 415, "unexpected status " + e.status());
            assertFalse(e.getMessage() == null || e.getMessage().isBlank(), "an error says what was wrong");
            return "error " + e.status() + " " + e.getMessage();
        }
        return parts.toString();
    }

    private static void checkSafe(String name) {
        assertFalse(name.isEmpty());
        assertFalse(name.startsWith("."), name);
        assertTrue(name.length() <= SafeFilename.MAX_LENGTH, name);
        for (int i = 0; i < name.length(); i++) {
            char c = name.charAt(i);
            assertFalse(c < 0x20 || c == 0x7f || c == '/' || c == '\\' || c == ':', "unsafe character in " + name);
        }
    }
}
