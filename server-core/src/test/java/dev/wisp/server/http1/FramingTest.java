package dev.wisp.server.http1;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.wisp.server.Headers;
import dev.wisp.server.HttpProtocolException;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** The body-length decision of RFC 9112 §6.3. */
@Timeout(value = 10, unit = TimeUnit.SECONDS)
class FramingTest {

    private static Framing framing(int minor, String... headers) throws HttpProtocolException {
        return Framing.of(new RequestHead("POST", "/", minor, Headers.of(headers)));
    }

    private static int status(int minor, String... headers) {
        HttpProtocolException e = assertThrows(HttpProtocolException.class, () -> framing(minor, headers));
        assertTrue(e.closeConnection());
        return e.status();
    }

    @Test
    void noFramingFieldsMeansNoBody() throws HttpProtocolException {
        assertEquals(Framing.NONE, framing(1));
        assertEquals(Framing.NONE, framing(1, "Content-Length", "0"));
    }

    @Test
    void contentLengthGivesFixedLength() throws HttpProtocolException {
        assertEquals(new Framing(false, 42), framing(1, "Content-Length", "42"));
        assertEquals(new Framing(false, 42), framing(1, "Content-Length", "42", "Content-Length", "42"));
        assertEquals(new Framing(false, 42), framing(1, "Content-Length", "42, 42"));
    }

    @Test
    void chunkedAsFinalCodingGivesChunked() throws HttpProtocolException {
        assertTrue(framing(1, "Transfer-Encoding", "chunked").chunked());
        assertTrue(framing(1, "Transfer-Encoding", "Chunked").chunked());
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
        "Content-Length|12a",
        "Content-Length|+12",
        "Content-Length|-1",
        "Content-Length|1 2",
        "Content-Length|''",
        "Content-Length|0x10",
        "Content-Length|1234567890123456789",
        "Content-Length|42, 43",
    })
    void rejectsInvalidContentLength(String name, String value) {
        assertEquals(400, status(1, name, value));
    }

    @Test
    void rejectsDifferingDuplicateContentLengths() {
        assertEquals(400, status(1, "Content-Length", "42", "Content-Length", "43"));
    }

    @Test
    void rejectsContentLengthWithTransferEncoding() {
        assertEquals(400, status(1, "Content-Length", "5", "Transfer-Encoding", "chunked"));
    }

    @Test
    void refusesContentLengthOverTheLimitAtTheFirstReadNotFromTheHead() throws Exception {
        // The framing stands; the body stream refuses before reading a byte, so a layer above can
        // shape the 413 (the framework's problem document naming the limit).
        Framing framing = framing(1, "Content-Length", "1001");
        assertEquals(new Framing(false, 1001), framing);
        FixedLengthInputStream body = new FixedLengthInputStream(SplitInputStream.input("x".repeat(1001)), 1001, 1000);
        boolean[] continued = {false};
        body.onFirstRead(() -> continued[0] = true);
        HttpProtocolException e = assertThrows(HttpProtocolException.class, body::read);
        assertEquals(413, e.status());
        assertEquals(1000, e.maxBodyBytes());
        assertTrue(e.closeConnection());
        assertTrue(body.failed());
        assertFalse(continued[0], "no 100 Continue for a body that is refused");
        assertThrows(HttpProtocolException.class, body::read, "the refusal is sticky");
    }

    @Test
    void anUnreadBodyOverTheLimitCanStillBeDrained() throws Exception {
        FixedLengthInputStream body = new FixedLengthInputStream(SplitInputStream.input("x".repeat(20)), 20, 10);
        assertTrue(body.drain(64));
        assertTrue(body.isComplete());
    }

    @Test
    void rejectsTransferEncodingOnHttp10() {
        assertEquals(400, status(0, "Transfer-Encoding", "chunked"));
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
        "xchunked|400",
        "chunked, identity|400",
        "identity|400",
        "gzip|400",
        "chunked, chunked|400",
        "gzip, chunked|501",
        "deflate,chunked|501",
    })
    void checksTransferCodings(String value, int expected) {
        assertEquals(expected, status(1, "Transfer-Encoding", value));
    }

    @Test
    void rejectsChunkedAppliedTwiceAcrossLines() {
        assertEquals(400, status(1, "Transfer-Encoding", "chunked", "Transfer-Encoding", "chunked"));
    }
}
