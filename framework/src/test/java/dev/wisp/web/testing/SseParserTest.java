package dev.wisp.web.testing;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.wisp.web.sse.SseEvent;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The test client's parser against HTML Living Standard §9.2.6 and its examples, each stream
 * also fed split at every byte.
 */
class SseParserTest {

    static Stream<Arguments> streams() {
        return Stream.of(
                // §9.2.6 example: two events; the id is sticky, the comment ignored.
                Arguments.of(": test stream\n\ndata: first event\nid: 1\n\ndata:second event\nid\n\ndata:  third event\n",
                        "[1|null|first event, null|null|second event]", "[test stream]"),
                // §9.2.6 example: "data" with no colon, an empty data, and a trailing event without blank line.
                Arguments.of("data\n\ndata\ndata\n\ndata:", "[null|null|, null|null|\n]", "[]"),
                Arguments.of("data:test\n\ndata: test\n\n", "[null|null|test, null|null|test]", "[]"),
                Arguments.of("event: add\r\ndata: 73857293\r\n\r\nevent: remove\rdata: 2153\r\r",
                        "[null|add|73857293, null|remove|2153]", "[]"),
                Arguments.of("\uFEFFdata: bom\n\n", "[null|null|bom]", "[]"),
                Arguments.of("id: 3\n\nid: a\u0000b\ndata: x\n\n", "[3|null|x]", "[]"),
                Arguments.of("event: only\n\ndata: y\n\n", "[null|null|y]", "[]"),
                Arguments.of("unknown: z\ndata: w\n\n", "[null|null|w]", "[]"),
                Arguments.of("data: a\nretry: 250\n\n", "[null|null|a|PT0.25S]", "[]"),
                Arguments.of("data: a\nretry: 25x\n\n", "[null|null|a]", "[]"),
                Arguments.of(":\n: heartbeat\n:x\n", "[]", "[, heartbeat, x]"),
                Arguments.of("data: h\u00e9\u2713\n\n", "[null|null|h\u00e9\u2713]", "[]"));
    }

    @ParameterizedTest
    @MethodSource("streams")
    void parsesPerTheStandardWhateverTheSplit(String stream, String events, String comments) throws IOException {
        byte[] bytes = stream.getBytes(StandardCharsets.UTF_8);
        for (int split = 0; split <= bytes.length; split++) {
            Recorder r = new Recorder();
            SseParser parser = new SseParser(r, 1024);
            parser.feed(bytes, 0, split);
            parser.feed(bytes, split, bytes.length - split);
            assertEquals(events, r.events.toString(), "split at " + split);
            assertEquals(comments, r.comments.toString(), "split at " + split);
        }
        Recorder r = new Recorder();
        SseParser parser = new SseParser(r, 1024);
        for (int i = 0; i < bytes.length; i++) {
            parser.feed(bytes, i, 1);
        }
        assertEquals(events, r.events.toString(), "one byte at a time");
    }

    @org.junit.jupiter.api.Test
    void boundsTheLineLength() {
        SseParser parser = new SseParser(new Recorder(), 16);
        byte[] line = "data: 0123456789abcdef".getBytes(StandardCharsets.US_ASCII);
        assertThrows(IOException.class, () -> parser.feed(line, 0, line.length));
    }

    private static final class Recorder implements SseParser.Listener {
        final List<String> events = new ArrayList<>();
        final List<String> comments = new ArrayList<>();

        @Override
        public void event(SseEvent e) {
            Duration r = e.retry();
            events.add(e.id() + "|" + e.event() + "|" + e.data() + (r == null ? "" : "|" + r));
        }

        @Override
        public void comment(String text) {
            comments.add(text);
        }
    }
}
