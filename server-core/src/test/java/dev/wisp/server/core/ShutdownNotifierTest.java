package dev.wisp.server.core;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.wisp.server.ShutdownSignal;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

@Timeout(5)
class ShutdownNotifierTest {

    @Test
    void runsEachRegisteredCallbackOnceWhenFired() {
        ShutdownNotifier n = new ShutdownNotifier();
        List<String> ran = new ArrayList<>();
        n.onShutdown(() -> ran.add("a"));
        ShutdownSignal.Registration b = n.onShutdown(() -> ran.add("b"));
        n.onShutdown(() -> {
            throw new IllegalStateException("logged, and the others still run");
        });
        b.close();
        assertFalse(n.isShuttingDown());
        n.fire();
        n.fire();
        assertTrue(n.isShuttingDown());
        assertEquals(List.of("a"), ran);
    }

    @Test
    void aCallbackRegisteredAfterTheShutdownBeganRunsAtOnce() {
        ShutdownNotifier n = new ShutdownNotifier();
        n.fire();
        List<String> ran = new ArrayList<>();
        n.onShutdown(() -> ran.add("late")).close();
        assertEquals(List.of("late"), ran);
    }
}
