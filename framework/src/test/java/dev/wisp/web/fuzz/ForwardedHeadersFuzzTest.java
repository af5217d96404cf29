package dev.wisp.web.fuzz;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.code_intelligence.jazzer.junit.FuzzTest;
import dev.wisp.server.Attributes;
import dev.wisp.server.ConnectionInfo;
import dev.wisp.server.Handler;
import dev.wisp.server.Headers;
import dev.wisp.server.Request;
import dev.wisp.server.Response;
import dev.wisp.web.App;
import dev.wisp.web.middleware.ForwardedHeaders;
import java.io.ByteArrayInputStream;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Timeout;

/**
 * Fuzzes the forwarded-header parsers (RFC 7239 {@code Forwarded}, {@code X-Forwarded-*}, IP
 * literals) through {@link ForwardedHeaders} from a trusted peer. Acceptable outcomes: the request
 * passes on with a scheme of {@code http}/{@code https}, an address, and a base path that starts
 * with {@code /} — never an exception. The input is split on {@code \n} into the values of
 * {@code Forwarded}, {@code X-Forwarded-For}, {@code -Proto}, {@code -Host} and {@code -Prefix},
 * as Latin-1 (what the core hands over). Seeds are in
 * {@code src/test/resources/dev/wisp/web/fuzz/ForwardedHeadersFuzzTestInputs/}.
 */
@Timeout(value = 10, unit = TimeUnit.SECONDS)
class ForwardedHeadersFuzzTest {
    private static final String[] NAMES = {"Forwarded", "X-Forwarded-For", "X-Forwarded-Proto", "X-Forwarded-Host", "X-Forwarded-Prefix"};
    private static final InetSocketAddress PEER = new InetSocketAddress("127.0.0.1", 40000);
    private static final InetSocketAddress LOCAL = new InetSocketAddress("127.0.0.1", 8080);
    private static final Handler ECHO = ForwardedHeaders.trusting("127.0.0.0/8", "10.0.0.0/8", "fd00::/8")
            .wrap(request -> {
                String scheme = request.scheme();
                assertTrue(scheme.equals("http") || scheme.equals("https"), scheme);
                assertNotNull(request.remoteAddress().getAddress());
                String base = request.attribute(App.BASE_PATH);
                assertTrue(base == null || base.startsWith("/") && !base.endsWith("/"), base);
                assertNotNull(request.header("Host"));
                return Response.status(204);
            });

    @FuzzTest(maxDuration = "15s")
    void passesEveryRequestOnWithSaneFacts(byte[] data) throws Exception {
        String text = new String(data, StandardCharsets.ISO_8859_1);
        Headers headers = Headers.of("Host", "localhost");
        int field = 0;
        int start = 0;
        while (field < NAMES.length && start <= text.length()) {
            int nl = text.indexOf('\n', start);
            int end = nl < 0 ? text.length() : nl;
            String value = text.substring(start, end);
            if (isFieldValue(value)) {
                headers = headers.with(NAMES[field], value);
            }
            field++;
            if (nl < 0) {
                break;
            }
            start = nl + 1;
        }
        Request request = new Request("GET", "/", "/", "/", "", "HTTP/1.1", headers, ConnectionInfo.plain(PEER, LOCAL),
                new ByteArrayInputStream(new byte[0]), Attributes.empty());
        assertEquals(204, ECHO.handle(request).status());
    }

    /** What the core's header parser lets through: no controls but HTAB (RFC 9110 §5.5). */
    private static boolean isFieldValue(String v) {
        for (int i = 0; i < v.length(); i++) {
            char c = v.charAt(i);
            if (c < 0x20 && c != '\t' || c == 0x7f) {
                return false;
            }
        }
        return true;
    }
}
