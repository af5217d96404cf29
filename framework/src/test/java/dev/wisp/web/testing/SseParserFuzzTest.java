package dev.wisp.web.testing;

import static org.junit.jupiter.api.Assertions.assertEquals;

import com.code_intelligence.jazzer.junit.FuzzTest;
import dev.wisp.web.sse.SseEvent;
import java.io.IOException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Timeout;

/**
 * Fuzzes the test client's event-stream parser (HTML Living Standard §9.2.6) with any bytes a
 * server might send. It must never throw (except {@link IOException} for a line over its limit),
 * must produce only events the {@link SseEvent} record accepts, and must give the same events
 * however the bytes are split; and every event it produced must survive being encoded by the
 * server side and parsed again. Seeds: {@code src/test/resources/dev/wisp/web/testing/SseParserFuzzTestInputs/}.
 */
@Timeout(value = 10, unit = TimeUnit.SECONDS)
class SseParserFuzzTest {

    @FuzzTest(maxDuration = "15s")
    void parsesAnyStream(byte[] data) throws IOException {
        String whole = parse(data, data.length);
        assertEquals(whole, parse(data, 1), "one byte per feed");
        assertEquals(whole, parse(data, 2 + Math.floorMod(Arrays.hashCode(data), 31)), "pieces");
        // Round trip: what was parsed, encoded by the server side, parses to the same events.
        Recorder first = new Recorder();
        if (feed(new SseParser(first, 4096), data, data.length)) {
            byte[] again = first.events.stream().map(e -> new SseEvent(e.id() == null ? "" : e.id(), e.event(), e.data(), e.retry()))
                    .map(SseEvent::encode).reduce(new byte[0], SseParserFuzzTest::concat);
            Recorder second = new Recorder();
            feed(new SseParser(second, 1 << 20), again, again.length);
            assertEquals(first.events, second.events);
        }
    }

    private static String parse(byte[] data, int piece) {
        Recorder r = new Recorder();
        boolean complete = feed(new SseParser(r, 4096), data, piece);
        return r.events + " " + r.comments + (complete ? "" : " too-long");
    }

    /** Feeds in pieces; {@code false} if the parser refused a line as too long. */
    private static boolean feed(SseParser parser, byte[] data, int piece) {
        try {
            for (int i = 0; i < data.length; i += piece) {
                parser.feed(data, i, Math.min(piece, data.length - i));
            }
            return true;
        } catch (IOException e) {
            return false;
        }
    }

    private static byte[] concat(byte[] a, byte[] b) {
        byte[] c = Arrays.copyOf(a, a.length + b.length);
        System.arraycopy(b, 0, c, a.length, b.length);
        return c;
    }

    private static final class Recorder implements SseParser.Listener {
        final List<SseEvent> events = new ArrayList<>();
        final List<String> comments = new ArrayList<>();

        @Override
        public void event(SseEvent event) {
            events.add(event);
        }

        @Override
        public void comment(String text) {
            comments.add(text);
        }
    }

}
