package dev.wisp.bench.jmh;

import java.time.Instant;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;
import tools.jackson.databind.ObjectWriter;
import tools.jackson.databind.json.JsonMapper;

/**
 * Serializing a small record to UTF-8 bytes with Jackson 3, the per-request work of a JSON
 * response: the TechEmpower message ({"message":"Hello, World!"}) and a todo item with a few typed
 * fields. The mapper is configured once and the writer resolved once per type, as the framework's
 * JSON helper is meant to do; only object creation and serialization are measured.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(1)
public class JsonWriteBenchmark {
    public record Message(String message) {}

    public record Todo(long id, String title, boolean completed, int priority, List<String> tags, String createdAt) {}

    private static final JsonMapper MAPPER = JsonMapper.builder().build();
    private static final ObjectWriter MESSAGE = MAPPER.writerFor(Message.class);
    private static final ObjectWriter TODO = MAPPER.writerFor(Todo.class);
    private static final List<String> TAGS = List.of("home", "weekly");
    private static final String CREATED = Instant.parse("2026-11-23T10:15:30Z").toString();

    @Benchmark
    public byte[] message() {
        return MESSAGE.writeValueAsBytes(new Message("Hello, World!"));
    }

    @Benchmark
    public byte[] todo() {
        return TODO.writeValueAsBytes(new Todo(42, "Water the plants", false, 2, TAGS, CREATED));
    }
}
