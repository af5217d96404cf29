package dev.wisp.server.http1;

import dev.wisp.server.io.HttpInput;

import static org.junit.jupiter.api.Assertions.assertDoesNotThrow;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.wisp.server.HttpProtocolException;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** The chunked decoder (RFC 9112 §7.1), every valid body also split at every byte. */
@Timeout(value = 10, unit = TimeUnit.SECONDS)
class ChunkedInputStreamTest {

    private static String decode(String wire, long max, int... splits) throws IOException {
        HttpInput in = SplitInputStream.input(wire, splits);
        ChunkedInputStream body = new ChunkedInputStream(in, max, 1024, 10);
        String text = new String(body.readAllBytes(), StandardCharsets.ISO_8859_1);
        assertTrue(body.isComplete());
        return text;
    }

    private static void assertDecodesAtEverySplit(String wire, String expected) throws IOException {
        assertEquals(expected, decode(wire, 1 << 20));
        for (int split = 1; split < wire.length(); split++) {
            assertEquals(expected, decode(wire, 1 << 20, split), "split at " + split);
        }
    }

    @Test
    void decodesChunks() throws IOException {
        assertDecodesAtEverySplit("5\r\nhello\r\n7\r\n, world\r\n0\r\n\r\n", "hello, world");
    }

    @Test
    void acceptsHexSizesInBothCases() throws IOException {
        String sixteen = "0123456789abcdef";
        assertDecodesAtEverySplit("a\r\n" + sixteen.substring(0, 10) + "\r\nA\r\n" + sixteen.substring(0, 10) + "\r\n0\r\n\r\n",
                sixteen.substring(0, 10).repeat(2));
        assertEquals(sixteen, decode("0010\r\n" + sixteen + "\r\n0\r\n\r\n", 100));
    }

    @Test
    void ignoresExtensions() throws IOException {
        assertDecodesAtEverySplit("5;name=value\r\nhello\r\n3 ; a ; b=\"q s\"\r\nabc\r\n0;last\r\n\r\n", "helloabc");
    }

    @Test
    void readsAndDropsTrailers() throws IOException {
        assertDecodesAtEverySplit("2\r\nok\r\n0\r\nChecksum: abc\r\nX-More: 1\r\n\r\n", "ok");
    }

    @Test
    void decodesEmptyBody() throws IOException {
        assertEquals("", decode("0\r\n\r\n", 10));
    }

    @Test
    void stopsExactlyAtTheEndOfTheBody() throws IOException {
        HttpInput in = SplitInputStream.input("3\r\nabc\r\n0\r\n\r\nGET / HTTP/1.1\r\n");
        ChunkedInputStream body = new ChunkedInputStream(in, 100, 1024, 10);
        assertEquals("abc", new String(body.readAllBytes(), StandardCharsets.US_ASCII));
        assertEquals('G', in.read());
    }

    @Test
    void drainCompletesAnUnreadBody() throws IOException {
        HttpInput in = SplitInputStream.input("3\r\nabc\r\n0\r\n\r\nX");
        ChunkedInputStream body = new ChunkedInputStream(in, 100, 1024, 10);
        assertFalse(body.isComplete());
        assertTrue(body.drain(1000));
        assertEquals('X', in.read());
    }

    @Test
    void rejectsTotalOverTheLimitWith413() {
        HttpProtocolException e = assertThrows(HttpProtocolException.class,
                () -> decode("5\r\nhello\r\n5\r\nworld\r\n0\r\n\r\n", 9));
        assertEquals(413, e.status());
    }

    @Test
    void boundsFramingOverheadToTheDataItCarries() {
        // One-byte chunks with long extensions: the parsing work must stay linear in the data.
        String ext = ";" + "e".repeat(4000);
        String wire = ("1" + ext + "\r\nx\r\n").repeat(200) + "0\r\n\r\n";
        assertEquals(400, assertThrows(HttpProtocolException.class, () -> decode(wire, 1 << 20)).status());
        // while ordinary small chunks are fine
        String small = "1\r\nx\r\n".repeat(50_000) + "0\r\n\r\n";
        assertDoesNotThrow(() -> decode(small, 1 << 20));
    }

    @Test
    void keepsFailingAfterTheFirstError() throws IOException {
        HttpInput in = SplitInputStream.input("3\r\nabcXY\r\n0\r\n\r\n");
        ChunkedInputStream body = new ChunkedInputStream(in, 100, 1024, 10);
        assertThrows(HttpProtocolException.class, body::readAllBytes);
        assertTrue(body.failed());
        assertThrows(HttpProtocolException.class, body::readAllBytes);
        assertFalse(body.drain(1000));
    }

    @Test
    void rejectsDataLongerThanDeclared() {
        assertEquals(400, assertThrows(HttpProtocolException.class, () -> decode("3\r\nhello\r\n0\r\n\r\n", 100)).status());
    }

    @Test
    void failsOnEofInsideBody() {
        // A body cut short is the client's fault: 400, never an EOFException a handler could confuse with its own.
        assertEquals(400, assertThrows(HttpProtocolException.class, () -> decode("5\r\nhel", 100)).status());
        assertEquals(400, assertThrows(HttpProtocolException.class, () -> decode("5\r\nhello\r\n", 100)).status());
    }

    @ParameterizedTest
    @ValueSource(strings = {
        "-5\r\nhello\r\n0\r\n\r\n",                  // negative size
        "+5\r\nhello\r\n0\r\n\r\n",                  // sign
        " 5\r\nhello\r\n0\r\n\r\n",                  // leading space
        "0x5\r\nhello\r\n0\r\n\r\n",                 // hex prefix
        "5 x\r\nhello\r\n0\r\n\r\n",                 // junk after size
        "g\r\nhello\r\n0\r\n\r\n",                   // not hex
        "\r\nhello\r\n0\r\n\r\n",                    // empty size
        "10000000000000000\r\nhello\r\n0\r\n\r\n",   // overflows a long
        "5\nhello\r\n0\r\n\r\n",                     // bare LF after size
        "5\r\nhello\n0\r\n\r\n",                     // bare LF after data
        "5\r\nhelloXY0\r\n\r\n",                     // junk instead of CRLF
        "5;a\u0000b\r\nhello\r\n0\r\n\r\n",          // NUL in an extension
        "5\r\nhello\r\n0\r\nBad Trailer: x\r\n\r\n", // malformed trailer
    })
    void rejectsMalformedChunking(String wire) {
        assertEquals(400, assertThrows(HttpProtocolException.class, () -> decode(wire, 1L << 40)).status());
    }
}
