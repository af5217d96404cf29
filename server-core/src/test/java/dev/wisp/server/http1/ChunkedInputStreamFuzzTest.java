package dev.wisp.server.http1;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.code_intelligence.jazzer.junit.DictionaryFile;
import com.code_intelligence.jazzer.junit.FuzzTest;
import java.io.IOException;
import java.util.concurrent.TimeUnit;
import java.util.zip.CRC32;
import org.junit.jupiter.api.Timeout;

/**
 * Fuzzes the chunked decoder (RFC 9112 §7.1) over a body followed by whatever comes next on the
 * connection. Besides the acceptable outcomes of {@link FuzzSupport}, the decoder must never read
 * past the end of its message (the next request starts there), must stop at the body limit, and
 * must give the same bytes whatever the read sizes. The seed corpus is in
 * {@code src/test/resources/dev/wisp/server/http1/ChunkedInputStreamFuzzTestInputs/}.
 */
@Timeout(value = 10, unit = TimeUnit.SECONDS)
class ChunkedInputStreamFuzzTest {
    private static final long MAX_BODY = 8192;
    private static final int MAX_TRAILER_BYTES = 1024;
    private static final int MAX_TRAILER_COUNT = 8;

    @FuzzTest(maxDuration = "15s")
    @DictionaryFile(resourcePath = "/dev/wisp/server/http1/http.dict")
    void decodesChunkedBodyOrRejectsIt(byte[] data) throws IOException {
        FuzzSupport.sameWhateverTheSplit(data, source -> transcript -> decode(source, data.length, transcript));
    }

    private static void decode(FuzzSupport.Source source, int inputLength, StringBuilder transcript) throws IOException {
        ChunkedInputStream body = new ChunkedInputStream(source.in, MAX_BODY, MAX_TRAILER_BYTES, MAX_TRAILER_COUNT);
        // Read sizes vary with the data, so reads end at arbitrary places inside and across chunks.
        int[] sizes = {1, 7, 64, 8192, 3};
        byte[] buf = new byte[8192];
        CRC32 crc = new CRC32();
        long total = 0;
        for (int i = 0; ; i++) {
            int available = body.available();
            assertTrue(available >= 0 && available <= source.in.buffered(), "available() = " + available);
            int n = body.read(buf, 0, sizes[i % sizes.length]);
            if (n == -1) {
                break;
            }
            assertTrue(n > 0, "read returned " + n);
            crc.update(buf, 0, n);
            total += n;
            assertTrue(total <= MAX_BODY, "body passed the limit without a 413");
        }
        assertTrue(body.isComplete(), "end of body before the last chunk");
        assertEquals(-1, body.read(buf, 0, 1), "end of body is not sticky");
        int consumed = source.consumed();
        assertTrue(consumed <= inputLength && total <= consumed, "consumed " + consumed + " for " + total + " body bytes");
        // Where the decoder stopped must not depend on read sizes: the transcripts are compared.
        transcript.append("body ").append(total).append(' ').append(Long.toHexString(crc.getValue()))
                .append(" consumed ").append(consumed).append('\n');
    }
}
