package dev.wisp.web.sse;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;

/** Event framing on the wire (HTML Living Standard §9.2.6), byte for byte. */
class SseEventTest {

    static Stream<Arguments> framing() {
        return Stream.of(
                Arguments.of(SseEvent.data("hello"), "data: hello\n\n"),
                Arguments.of(SseEvent.data(""), "data:\n\n"),
                Arguments.of(SseEvent.data("a\nb"), "data: a\ndata: b\n\n"),
                Arguments.of(SseEvent.data("a\r\nb"), "data: a\ndata: b\n\n"),
                Arguments.of(SseEvent.data("a\rb"), "data: a\ndata: b\n\n"),
                Arguments.of(SseEvent.data("a\n\nb"), "data: a\ndata:\ndata: b\n\n"),
                Arguments.of(SseEvent.data("a\r\r\nb"), "data: a\ndata:\ndata: b\n\n"),
                Arguments.of(SseEvent.data("a\n"), "data: a\ndata:\n\n"),
                Arguments.of(SseEvent.data(" lead"), "data:  lead\n\n"),
                Arguments.of(SseEvent.data(": not a comment"), "data: : not a comment\n\n"),
                Arguments.of(SseEvent.data("héllo ✓"), "data: héllo ✓\n\n"),
                Arguments.of(SseEvent.of("tick", "1"), "event: tick\ndata: 1\n\n"),
                Arguments.of(SseEvent.data("x").withId("42"), "data: x\nid: 42\n\n"),
                Arguments.of(SseEvent.data("x").withId(""), "data: x\nid: \n\n"),
                Arguments.of(SseEvent.data("x").withRetry(Duration.ofSeconds(3)), "data: x\nretry: 3000\n\n"),
                Arguments.of(new SseEvent("7", null, null, null), "id: 7\n\n"),
                Arguments.of(new SseEvent(null, null, null, Duration.ZERO), "retry: 0\n\n"),
                Arguments.of(new SseEvent("1", "e", "d", Duration.ofMillis(10)), "event: e\ndata: d\nid: 1\nretry: 10\n\n"));
    }

    @ParameterizedTest
    @MethodSource
    void framing(SseEvent event, String wire) {
        assertEquals(wire, new String(event.encode(), StandardCharsets.UTF_8));
    }

    @ParameterizedTest
    @ValueSource(strings = {"a\nb", "a\rb", "a\u0000b", "\n"})
    void rejectsIdsThatWouldBeCutOrIgnored(String id) {
        assertThrows(IllegalArgumentException.class, () -> SseEvent.data("x").withId(id));
    }

    @ParameterizedTest
    @ValueSource(strings = {"a\nb", "a\rb"})
    void rejectsEventTypesWithLineBreaks(String type) {
        assertThrows(IllegalArgumentException.class, () -> SseEvent.of(type, "x"));
    }

    @org.junit.jupiter.api.Test
    void rejectsEmptyEventsNullDataAndNegativeRetry() {
        assertThrows(IllegalArgumentException.class, () -> new SseEvent(null, null, null, null));
        assertThrows(IllegalArgumentException.class, () -> SseEvent.data(null));
        assertThrows(IllegalArgumentException.class, () -> SseEvent.data("x").withRetry(Duration.ofMillis(-1)));
    }

    @org.junit.jupiter.api.Test
    void commentsAreOneLinePerLine() {
        assertEquals(": a\n: b\n:\n", new String(SseEvent.encodeComment("a\r\nb\n"), StandardCharsets.UTF_8));
        assertEquals(":\n", new String(SseEvent.encodeComment(""), StandardCharsets.UTF_8));
    }
}
