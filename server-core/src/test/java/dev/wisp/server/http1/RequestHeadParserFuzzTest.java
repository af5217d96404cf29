package dev.wisp.server.http1;

import dev.wisp.server.io.Ascii;
import dev.wisp.server.io.HttpInput;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.code_intelligence.jazzer.junit.DictionaryFile;
import com.code_intelligence.jazzer.junit.FuzzTest;
import dev.wisp.server.Headers;
import dev.wisp.server.Limits;
import java.io.IOException;
import java.util.concurrent.TimeUnit;
import java.util.zip.CRC32;
import org.junit.jupiter.api.Timeout;

/**
 * Fuzzes what a connection does with the bytes it receives: request heads parsed one after
 * another (pipelining), each target split and decoded, framing decided and the body read with the
 * chosen decoder, until the input ends or a request is rejected. Small limits put the 414/431/413
 * boundaries within reach of the fuzzer. See {@link FuzzSupport} for the acceptable outcomes and
 * how to run a real fuzzing session; the seed corpus is in
 * {@code src/test/resources/dev/wisp/server/http1/RequestHeadParserFuzzTestInputs/}.
 *
 * <p>The class timeout is also Jazzer's per-input time limit (a hang is a finding), and bounds
 * each replayed input in a plain build.
 */
@Timeout(value = 10, unit = TimeUnit.SECONDS)
class RequestHeadParserFuzzTest {
    private static final Limits LIMITS = Limits.defaults()
            .withMaxRequestLineBytes(512)
            .withMaxHeaderBytes(1024)
            .withMaxHeaderCount(16)
            .withMaxBodyBytes(4096);

    @FuzzTest(maxDuration = "15s")
    @DictionaryFile(resourcePath = "/dev/wisp/server/http1/http.dict")
    void parsesPipelinedRequestsOrRejectsThem(byte[] data) throws IOException {
        FuzzSupport.sameWhateverTheSplit(data, source -> transcript -> serve(source, transcript));
    }

    /** The connection's read path, minus the socket and the handler. */
    private static void serve(FuzzSupport.Source source, StringBuilder transcript) throws IOException {
        RequestHeadParser parser = new RequestHeadParser(LIMITS);
        HttpInput in = source.in;
        while (true) {
            int before = source.consumed();
            RequestHead head = parser.parse(in);
            if (head == null) {
                assertEquals(0, in.buffered(), "clean end of input with bytes still buffered");
                return;
            }
            assertTrue(source.consumed() > before, "a request head that consumed no input");
            checkHead(head);
            transcript.append(head).append('\n');
            Authority.checkHostField(head);

            RequestTarget target = RequestTarget.parse(head.method(), head.target());
            checkTarget(head.target(), target);
            transcript.append(target).append('\n');

            Framing framing = Framing.of(head);
            assertTrue(framing.chunked() || framing.contentLength() >= 0, "negative length: " + framing);
            if (framing.chunked()) {
                assertTrue(head.headers().contains("Transfer-Encoding") && !head.headers().contains("Content-Length"),
                        "chunked framing without Transfer-Encoding alone");
            }
            BodyInputStream body = framing == Framing.NONE ? BodyInputStream.empty()
                    : framing.chunked() ? new ChunkedInputStream(in, LIMITS.maxBodyBytes(), LIMITS.http1().maxHeaderBytes(), LIMITS.http1().maxHeaderCount())
                    : new FixedLengthInputStream(in, framing.contentLength(), LIMITS.maxBodyBytes());
            long length = readBody(body, transcript);
            assertTrue(body.isComplete(), "body read to its end but not complete");
            if (!framing.chunked()) {
                assertEquals(framing.contentLength(), length, "fixed-length body of the wrong length");
            }
        }
    }

    private static long readBody(BodyInputStream body, StringBuilder transcript) throws IOException {
        byte[] buf = new byte[61]; // an odd size, so reads end at arbitrary places inside chunks
        CRC32 crc = new CRC32();
        long total = 0;
        for (int n; (n = body.read(buf, 0, buf.length)) != -1; ) {
            assertTrue(n > 0 && n <= buf.length, "read returned " + n);
            crc.update(buf, 0, n);
            total += n;
            assertTrue(total <= LIMITS.maxBodyBytes(), "body passed the limit without a 413");
        }
        assertEquals(-1, body.read(buf, 0, buf.length), "end of body is not sticky");
        transcript.append("body ").append(total).append(' ').append(Long.toHexString(crc.getValue())).append('\n');
        return total;
    }

    /** What the parser promises about an accepted head (RFC 9112 §3, §5; RFC 9110 §5.5). */
    private static void checkHead(RequestHead head) {
        assertFalse(head.method().isEmpty(), "empty method");
        for (int i = 0; i < head.method().length(); i++) {
            assertTrue(isToken(head.method().charAt(i)), "method is not a token: " + head.method());
        }
        assertFalse(head.target().isEmpty(), "empty target");
        for (int i = 0; i < head.target().length(); i++) {
            char c = head.target().charAt(i);
            assertTrue(c < 128 && Ascii.isTarget((byte) c), "character " + (int) c + " in target");
        }
        assertTrue(head.minorVersion() == 0 || head.minorVersion() == 1, "minor version " + head.minorVersion());
        Headers headers = head.headers();
        assertTrue(headers.size() <= LIMITS.http1().maxHeaderCount(), "more fields than the limit");
        for (int i = 0; i < headers.size(); i++) {
            String name = headers.name(i);
            String value = headers.value(i);
            assertFalse(name.isEmpty(), "empty field name");
            for (int k = 0; k < name.length(); k++) {
                assertTrue(isToken(name.charAt(k)), "field name is not a token: " + name);
            }
            for (int k = 0; k < value.length(); k++) {
                char c = value.charAt(k);
                assertTrue(c <= 0xff && (c == '\t' || (c >= 0x20 && c != 0x7f)), "control " + (int) c + " in a field value");
            }
            if (!value.isEmpty()) {
                assertTrue(value.charAt(0) > ' ' && value.charAt(value.length() - 1) > ' ', "field value keeps its OWS");
            }
        }
    }

    /** RequestTarget's promises: a path that starts with '/', no NUL, the query after the first '?'. */
    private static void checkTarget(String raw, RequestTarget target) {
        if (raw.equals("*")) {
            assertEquals(new RequestTarget("*", "*", ""), target);
            return;
        }
        assertTrue(target.rawPath().startsWith("/"), "raw path without '/': " + target.rawPath());
        assertTrue(target.path().startsWith("/"), "decoded path without '/': " + target.path());
        assertEquals(-1, target.path().indexOf('\0'), "NUL in the decoded path");
        if (raw.startsWith("/")) {
            int q = raw.indexOf('?');
            assertEquals(q < 0 ? raw : raw.substring(0, q), target.rawPath());
            assertEquals(q < 0 ? "" : raw.substring(q + 1), target.query());
        }
    }

    private static boolean isToken(char c) {
        return c < 128 && Ascii.isToken((byte) c);
    }
}
