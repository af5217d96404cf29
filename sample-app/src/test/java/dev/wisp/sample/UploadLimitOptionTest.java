package dev.wisp.sample;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** {@code --max-upload-bytes} / {@code WISP_MAX_UPLOAD_BYTES}: parsed strictly, and applied by the running app. */
@Timeout(value = 60, unit = TimeUnit.SECONDS)
class UploadLimitOptionTest {

    private static long limit(Map<String, String> env, String... args) {
        return Options.parse(args, env).maxUploadBytes();
    }

    @Test
    void readsTheLimitFromArgumentsThenEnvironment() {
        assertEquals(10L << 20, limit(Map.of()));
        assertEquals(2048, limit(Map.of("WISP_MAX_UPLOAD_BYTES", "2048")));
        assertEquals(100, limit(Map.of("WISP_MAX_UPLOAD_BYTES", "2048"), "--max-upload-bytes", "100"));
        assertEquals(ApiSettings.MAX_UPLOAD_BYTES, limit(Map.of(), "--max-upload-bytes=" + ApiSettings.MAX_UPLOAD_BYTES));
    }

    @Test
    void explainsBadLimits() {
        for (String bad : List.of("0", "-1", "10MB", "", "99999999999999999999", String.valueOf(ApiSettings.MAX_UPLOAD_BYTES + 1))) {
            var e = assertThrows(IllegalArgumentException.class, () -> limit(Map.of(), "--max-upload-bytes", bad));
            assertTrue(e.getMessage().startsWith("invalid --max-upload-bytes '" + bad + "': use a number of bytes"), e.getMessage());
        }
        var e = assertThrows(IllegalArgumentException.class, () -> limit(Map.of("WISP_MAX_UPLOAD_BYTES", "lots")));
        assertTrue(e.getMessage().startsWith("invalid WISP_MAX_UPLOAD_BYTES 'lots'"), e.getMessage());
    }

    @Test
    void theRunningAppAcceptsExactlyTheLimit() throws Exception {
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        Process p = new ProcessBuilder(java, "-cp", System.getProperty("java.class.path"), Main.class.getName(),
                "--db", "memory", "--port", "0", "--host", "127.0.0.1", "--max-upload-bytes", "100").start();
        try {
            String line = new BufferedReader(new InputStreamReader(p.getInputStream(), StandardCharsets.UTF_8)).readLine();
            assertTrue(line != null && line.contains("http://localhost:"), "start-up line: " + line);
            String base = "http://127.0.0.1:" + line.replaceFirst(".*http://localhost:(\\d+)/.*", "$1");
            HttpClient client = HttpClient.newHttpClient();
            HttpResponse<String> todo = client.send(HttpRequest.newBuilder(URI.create(base + "/api/todos"))
                    .header("Content-Type", "application/json").POST(HttpRequest.BodyPublishers.ofString("{\"title\": \"t\"}")).build(),
                    HttpResponse.BodyHandlers.ofString());
            assertEquals(201, todo.statusCode(), todo.body());
            String files = base + todo.headers().firstValue("Location").orElseThrow() + "/attachments";
            assertEquals(201, upload(client, files, 100).statusCode());
            HttpResponse<String> over = upload(client, files, 101);
            assertEquals(413, over.statusCode());
            assertTrue(over.body().contains("\"maxFileBytes\":100"), over.body());
        } finally {
            p.destroy();
            assertTrue(p.waitFor(30, TimeUnit.SECONDS));
        }
    }

    private static HttpResponse<String> upload(HttpClient client, String uri, int size) throws Exception {
        byte[] body = new MultipartBody().file("file", "f.bin", "application/octet-stream", new byte[size]).bytes();
        return client.send(HttpRequest.newBuilder(URI.create(uri)).header("Content-Type", MultipartBody.CONTENT_TYPE)
                .POST(HttpRequest.BodyPublishers.ofByteArray(body)).build(), HttpResponse.BodyHandlers.ofString());
    }
}
