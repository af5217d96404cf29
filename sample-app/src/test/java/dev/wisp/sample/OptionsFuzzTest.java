package dev.wisp.sample;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.code_intelligence.jazzer.junit.FuzzTest;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Timeout;

/**
 * Fuzzes the command-line parser: any arguments and environment give options within their
 * documented ranges or one {@link IllegalArgumentException} whose message is a single line, never
 * another exception. Input: arguments separated by NUL bytes, then after a 0x01 byte the values of
 * the flags' variables in table order, separated by 0x01. Seeds are in
 * {@code src/test/resources/dev/wisp/sample/OptionsFuzzTestInputs/}.
 */
@Timeout(value = 10, unit = TimeUnit.SECONDS)
class OptionsFuzzTest {

    @FuzzTest(maxDuration = "10s")
    void parsesOrExplainsInOneLine(byte[] data) {
        String text = new String(data, StandardCharsets.UTF_8);
        int envStart = text.indexOf('\u0001');
        String argText = envStart < 0 ? text : text.substring(0, envStart);
        List<String> args = argText.isEmpty() ? List.of() : List.of(argText.split("\u0000", -1));
        Map<String, String> env = new HashMap<>();
        if (envStart >= 0) {
            String[] values = text.substring(envStart + 1).split("\u0001", -1);
            List<String> names = new ArrayList<>();
            Options.FLAGS.stream().filter(f -> f.env() != null).forEach(f -> names.add(f.env()));
            for (int i = 0; i < values.length && i < names.size(); i++) {
                env.put(names.get(i), values[i]);
            }
        }
        Options options;
        try {
            options = Options.parse(args.toArray(String[]::new), env);
        } catch (IllegalArgumentException e) {
            assertNotNull(e.getMessage());
            assertFalse(e.getMessage().isBlank());
            assertFalse(e.getMessage().contains("\n") || e.getMessage().contains("\r"), "one line: " + e.getMessage());
            return;
        }
        assertTrue(options.port() >= 0 && options.port() <= 65535);
        assertTrue(!options.drainDelay().isNegative() && options.drainDelay().toSeconds() <= Options.MAX_DRAIN_SECONDS);
        assertFalse(options.trustedProxies().isEmpty());
        assertTrue((options.tlsCert() == null) == (options.tlsKey() == null));
        assertNotNull(options.host());
    }
}
