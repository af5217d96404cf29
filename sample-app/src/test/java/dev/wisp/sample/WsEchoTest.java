package dev.wisp.sample;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.wisp.testing.WispServerExtension;
import java.io.ByteArrayOutputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.WebSocket;
import java.nio.ByteBuffer;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.RegisterExtension;

/** {@code GET /ws/echo}: every text and binary message comes back unchanged. */
@Timeout(value = 30, unit = TimeUnit.SECONDS)
class WsEchoTest {
    @RegisterExtension
    static final WispServerExtension server = WispServerExtension.serve(() -> TodoApp.create(new InMemoryTodoStore()));

    @Test
    void echoesTextAndBinaryUnchanged() throws Exception {
        BlockingQueue<Object> messages = new LinkedBlockingQueue<>();
        WebSocket.Listener listener = new WebSocket.Listener() {
            private final StringBuilder text = new StringBuilder();
            private final ByteArrayOutputStream binary = new ByteArrayOutputStream();

            @Override
            public CompletionStage<?> onText(WebSocket ws, CharSequence data, boolean last) {
                text.append(data);
                if (last) {
                    messages.add(text.toString());
                    text.setLength(0);
                }
                ws.request(1);
                return null;
            }

            @Override
            public CompletionStage<?> onBinary(WebSocket ws, ByteBuffer data, boolean last) {
                byte[] b = new byte[data.remaining()];
                data.get(b);
                binary.writeBytes(b);
                if (last) {
                    messages.add(binary.toByteArray());
                    binary.reset();
                }
                ws.request(1);
                return null;
            }
        };
        try (HttpClient http = HttpClient.newHttpClient()) {
            WebSocket ws = http.newWebSocketBuilder()
                    .buildAsync(URI.create("ws://127.0.0.1:" + server.port() + "/ws/echo"), listener)
                    .get(10, TimeUnit.SECONDS);
            ws.sendText("héllo, wörld €", true).get(10, TimeUnit.SECONDS);
            assertEquals("héllo, wörld €", messages.poll(10, TimeUnit.SECONDS));
            byte[] bytes = {0, 1, (byte) 0xff, (byte) 0x80, 42};
            ws.sendBinary(ByteBuffer.wrap(bytes), true).get(10, TimeUnit.SECONDS);
            assertArrayEquals(bytes, (byte[]) messages.poll(10, TimeUnit.SECONDS));
            ws.sendClose(WebSocket.NORMAL_CLOSURE, "").get(10, TimeUnit.SECONDS);
        }
    }
}
