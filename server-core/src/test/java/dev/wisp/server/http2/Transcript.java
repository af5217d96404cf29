package dev.wisp.server.http2;

import java.nio.charset.StandardCharsets;

/**
 * A {@link FrameHandler} that writes each call as a line, so tests and fuzz targets compare what
 * the decoder produced as text. Header blocks are gathered with {@link HeaderBlock} and, when a
 * decoder is given, decoded at END_HEADERS into a {@code fields} line.
 */
final class Transcript implements FrameHandler {
    final StringBuilder out = new StringBuilder();
    private final HpackDecoder hpack;
    private final HeaderBlock block = new HeaderBlock(64 * 1024, 64);

    Transcript(HpackDecoder hpack) {
        this.hpack = hpack;
    }

    Transcript() {
        this(null);
    }

    private Transcript line(String s) {
        out.append(s).append('\n');
        return this;
    }

    private static String text(byte[] b, int off, int len) {
        return new String(b, off, len, StandardCharsets.ISO_8859_1);
    }

    @Override
    public void data(int streamId, byte[] buf, int off, int len, int flowControlled, boolean endStream) {
        line("DATA " + streamId + " '" + text(buf, off, len) + "' fc=" + flowControlled + (endStream ? " END_STREAM" : ""));
    }

    @Override
    public void headers(int streamId, byte[] buf, int off, int len, boolean endHeaders, boolean endStream) throws Http2Exception {
        if (hpack == null) {
            line("HEADERS " + streamId + " " + Hex.of(buf, off, len) + (endHeaders ? " END_HEADERS" : "") + (endStream ? " END_STREAM" : ""));
            return;
        }
        block.start(streamId, buf, off, len);
        if (endHeaders) {
            decodeBlock();
        }
    }

    @Override
    public void continuation(int streamId, byte[] buf, int off, int len, boolean endHeaders) throws Http2Exception {
        if (hpack == null) {
            line("CONTINUATION " + streamId + " " + Hex.of(buf, off, len) + (endHeaders ? " END_HEADERS" : ""));
            return;
        }
        block.append(buf, off, len);
        if (endHeaders) {
            decodeBlock();
        }
    }

    private void decodeBlock() throws HpackException {
        FieldList fields = new FieldList();
        boolean fits = hpack.decode(block.array(), 0, block.length(), fields);
        line("fields " + block.streamId() + " " + fields + (fits ? "" : " TOO_LARGE"));
    }

    @Override
    public void priority(int streamId) {
        line("PRIORITY " + streamId);
    }

    @Override
    public void rstStream(int streamId, int errorCode) {
        line("RST_STREAM " + streamId + " " + errorCode);
    }

    @Override
    public void setting(int id, long value) {
        line("setting " + id + "=" + value);
    }

    @Override
    public void settings(boolean ack) {
        line("SETTINGS" + (ack ? " ACK" : ""));
    }

    @Override
    public void ping(boolean ack, long data) {
        line("PING " + Long.toHexString(data) + (ack ? " ACK" : ""));
    }

    @Override
    public void goAway(int lastStreamId, int errorCode, byte[] buf, int debugOff, int debugLen) {
        line("GOAWAY " + lastStreamId + " " + errorCode + " '" + text(buf, debugOff, debugLen) + "'");
    }

    @Override
    public void windowUpdate(int streamId, int increment) {
        line("WINDOW_UPDATE " + streamId + " " + increment);
    }

    @Override
    public void unknownFrame(int type, int streamId, int length) {
        line("UNKNOWN 0x" + Integer.toHexString(type) + " " + streamId + " " + length);
    }

    @Override
    public void streamError(Http2Exception error) {
        line("stream error " + error.streamId() + " " + error.code());
    }

    /** Feeds {@code input} in pieces ending at the given offsets; the transcript ends with how decoding ended. */
    static String run(FrameDecoder decoder, Transcript t, byte[] input, int... splits) {
        int from = 0;
        try {
            for (int split : splits) {
                decoder.feed(input, from, split - from, t);
                from = split;
            }
            decoder.feed(input, from, input.length - from, t);
            return t.line(decoder.buffered() > 0 || decoder.inHeaderBlock() ? "incomplete" : "end").out.toString();
        } catch (Http2Exception e) {
            return t.line("connection error " + e.code()).out.toString();
        }
    }
}
