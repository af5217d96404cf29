package dev.wisp.server.http2;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.nio.ByteBuffer;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * Header blocks through the frame layer: every RFC 7541 Appendix C block, cut into a HEADERS
 * fragment and CONTINUATION fragments at every byte, written as frames and read back split at
 * every byte, decodes to the same fields; and the CONTINUATION flood limits (CVE-2024-27316).
 */
@Timeout(value = 30, unit = TimeUnit.SECONDS)
class HeaderBlockTest {

    @Test
    void appendixCBlocksDecodeTheSameHoweverFramedAndRead() throws HpackException {
        for (List<HpackDecoderTest.Step> steps : List.of(HpackDecoderTest.C3, HpackDecoderTest.C4, HpackDecoderTest.C5, HpackDecoderTest.C6)) {
            for (int i = 0; i < steps.size(); i++) {
                byte[] block = Hex.bytes(steps.get(i).hex());
                for (int cut = 1; cut < block.length; cut++) {
                    ByteBuffer wire = ByteBuffer.allocate(block.length + 64);
                    FrameWriter.header(wire, cut, Frame.HEADERS, Frame.FLAG_END_STREAM, 1);
                    wire.put(block, 0, cut);
                    FrameWriter.header(wire, block.length - cut, Frame.CONTINUATION, Frame.FLAG_END_HEADERS, 1);
                    wire.put(block, cut, block.length - cut);
                    byte[] bytes = Arrays.copyOf(wire.array(), wire.position());
                    for (int split = 0; split <= bytes.length; split += Math.max(1, bytes.length / 7)) {
                        HpackDecoder hpack = new HpackDecoder(256, 64 * 1024);
                        for (HpackDecoderTest.Step before : steps.subList(0, i)) {
                            HpackDecoderTest.decode(hpack, Hex.bytes(before.hex()));
                        }
                        String transcript = split == 0
                                ? Transcript.run(new FrameDecoder(16384, false), new Transcript(hpack), bytes)
                                : Transcript.run(new FrameDecoder(16384, false), new Transcript(hpack), bytes, split);
                        String fields = steps.get(i).fields().toString();
                        assertEquals("fields 1 " + fields + "\nend\n", transcript, "cut " + cut + ", split " + split);
                    }
                }
            }
        }
    }

    @Test
    void boundsTheBlockBytes() throws Http2Exception {
        HeaderBlock block = new HeaderBlock(100, 10);
        block.start(1, new byte[60], 0, 60);
        block.append(new byte[40], 0, 40);
        assertEquals(100, block.length());
        Http2Exception e = assertThrows(Http2Exception.class, () -> block.append(new byte[1], 0, 1));
        assertEquals(ErrorCode.ENHANCE_YOUR_CALM, e.code());
        assertEquals(true, e.isConnectionError());
    }

    @Test
    void boundsTheContinuationCountEvenWhenEmpty() throws Http2Exception {
        // CVE-2024-27316 class: endless CONTINUATION frames, possibly empty, never END_HEADERS.
        HeaderBlock block = new HeaderBlock(1 << 16, 3);
        block.start(1, new byte[0], 0, 0);
        for (int i = 0; i < 3; i++) {
            block.append(new byte[0], 0, 0);
        }
        assertEquals(ErrorCode.ENHANCE_YOUR_CALM, assertThrows(Http2Exception.class, () -> block.append(new byte[0], 0, 0)).code());
        block.start(3, new byte[] {1, 2}, 0, 2);
        assertEquals(3, block.streamId());
        assertEquals(2, block.length());
        block.append(new byte[] {3}, 0, 1);
        assertEquals(3, block.array()[2]);
    }
}
