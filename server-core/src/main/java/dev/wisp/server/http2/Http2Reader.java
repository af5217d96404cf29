package dev.wisp.server.http2;

import dev.wisp.server.HttpProtocolException;
import dev.wisp.server.Request;
import dev.wisp.server.Response;
import dev.wisp.server.core.Responses;

/**
 * What the connection's reader does with each frame (RFC 9113 §5, §6): stream states and ids,
 * header blocks decoded in order, request bodies fed to their streams, settings, pings, window
 * updates, and the frame budgets that defend against floods. Runs on the reader thread only.
 *
 * <p>A stream error found here resets that stream and decoding goes on; a connection error is
 * thrown and ends the connection with GOAWAY.
 */
final class Http2Reader implements FrameHandler {
    private final Http2Connection conn;
    private final HpackDecoder hpack;
    private final HeaderBlock block;
    private final FieldList fields = new FieldList();
    /** Rapid Reset (CVE-2023-44487) and the reset flood (CVE-2019-9514). */
    private final FrameBudget resets;
    /** Ping (CVE-2019-9512), settings (-9515), empty frames (-9518), zero-length headers (-9516), priority (-9513). */
    private final FrameBudget control;
    private boolean blockEndStream;
    private boolean settingsReceived;
    private boolean settingsAcknowledged;
    /** The client's SETTINGS_HEADER_TABLE_SIZE, applied to the encoder when its SETTINGS frame ends. */
    private long peerHeaderTableSize = 4096;

    Http2Reader(Http2Connection conn) {
        this.conn = conn;
        this.hpack = new HpackDecoder(4096, conn.limits.maxHeaderListBytes());
        this.block = new HeaderBlock(conn.limits.maxHeaderBlockBytes(), conn.limits.maxContinuationFrames());
        this.resets = new FrameBudget(conn.limits.resetBudget());
        this.control = new FrameBudget(conn.limits.controlFrameBudget());
    }

    boolean settingsReceived() {
        return settingsReceived;
    }

    @Override
    public void data(int streamId, byte[] buf, int off, int len, int flowControlled, boolean endStream) throws Http2Exception {
        conn.flow.received(flowControlled);
        if (len == 0 && !endStream) {
            control.spend("too many empty DATA frames");
        }
        Http2Stream stream = conn.streams.get(streamId);
        if (stream == null) {
            conn.flow.releaseConnectionCredit(flowControlled);
            closedStreamFrame(streamId, Frame.DATA);
            return;
        }
        try {
            stream.recvState = stream.recvState.received(Frame.DATA, endStream, streamId);
            stream.body.offer(buf, off, len, flowControlled, endStream);
        } catch (Http2Exception e) {
            conn.flow.releaseConnectionCredit(flowControlled);
            onStreamError(e);
        }
    }

    @Override
    public void headers(int streamId, byte[] buf, int off, int len, boolean endHeaders, boolean endStream) throws Http2Exception {
        if (len == 0 && !endHeaders) {
            control.spend("too many empty header fragments");
        }
        block.start(streamId, buf, off, len);
        blockEndStream = endStream;
        if (endHeaders) {
            headerBlock();
        }
    }

    @Override
    public void continuation(int streamId, byte[] buf, int off, int len, boolean endHeaders) throws Http2Exception {
        if (len == 0 && !endHeaders) {
            control.spend("too many empty header fragments");
        }
        block.append(buf, off, len);
        if (endHeaders) {
            headerBlock();
        }
    }

    /** A complete header block: a new request, or trailers. Decoded even when refused, to keep HPACK in step (§4.3). */
    private void headerBlock() throws Http2Exception {
        int id = block.streamId();
        fields.clear();
        boolean fits = hpack.decode(block.array(), 0, block.length(), fields);
        Http2Stream stream = conn.streams.get(id);
        if (stream != null) {
            try {
                trailers(stream, fits);
            } catch (Http2Exception e) {
                onStreamError(e);
            }
            return;
        }
        if ((id & 1) == 0) {
            throw Http2Exception.connection(ErrorCode.PROTOCOL_ERROR, "stream id not odd"); // §5.1.1
        }
        if (id <= conn.highestStreamId) {
            switch (conn.closed.lookup(id)) {
                case ClosedStreams.RESET_BY_US -> {
                    return; // in flight when we reset it (§5.1)
                }
                case ClosedStreams.CLOSED -> throw Http2Exception.connection(ErrorCode.STREAM_CLOSED, "HEADERS on a closed stream");
                default -> throw Http2Exception.connection(ErrorCode.PROTOCOL_ERROR, "stream id not increasing"); // §5.1.1
            }
        }
        open(id, fits);
    }

    private void trailers(Http2Stream stream, boolean fits) throws Http2Exception {
        stream.recvState = stream.recvState.received(Frame.HEADERS, blockEndStream, stream.id);
        if (!fits) {
            throw Http2Exception.stream(stream.id, ErrorCode.PROTOCOL_ERROR, "trailers too large");
        }
        for (int i = 0; i < fields.size(); i++) {
            if (fields.name(i).startsWith(":")) {
                throw Http2Exception.stream(stream.id, ErrorCode.PROTOCOL_ERROR, "pseudo-header in trailers"); // §8.1
            }
        }
        stream.body.endByTrailers();
    }

    /** A new stream: admitted under the connection's stream lock so a shutdown's GOAWAY id is exact. */
    private void open(int id, boolean fits) throws Http2Exception {
        conn.streamLock.lock();
        try {
            conn.highestStreamId = id;
            if (conn.shuttingDown()) {
                refuse(id); // above the GOAWAY's last stream id: the client may retry it elsewhere (§6.8)
                return;
            }
            if (conn.slots.get() >= conn.limits.maxConcurrentStreams()) {
                // §5.1.2; streams reset by the client still count until their handler ends, which
                // bounds what Rapid Reset (CVE-2023-44487) can make the server do at once.
                resets.spend("too many refused streams");
                refuse(id);
                return;
            }
            Http2Stream stream;
            try {
                stream = newStream(id, fits);
            } catch (Http2Exception e) {
                onStreamError(e);
                return;
            }
            conn.slots.incrementAndGet();
            conn.running.incrementAndGet();
            conn.start(stream);
        } finally {
            conn.streamLock.unlock();
        }
    }

    private void refuse(int id) {
        conn.writer().rstStream(id, ErrorCode.REFUSED_STREAM);
        conn.closed.add(id, true);
    }

    private Http2Stream newStream(int id, boolean fits) throws Http2Exception {
        boolean end = blockEndStream;
        Response canned = null;
        RequestFields request = null;
        if (!fits) {
            canned = Responses.error(431, "Request header fields too large", false);
        } else {
            try {
                request = RequestFields.of(fields, id);
                if (request.method().equals("CONNECT")) {
                    canned = Responses.error(501, "CONNECT is not supported", false);
                }
            } catch (HttpProtocolException e) {
                canned = Responses.error(e);
            }
        }
        long declared = request == null ? -1 : request.contentLength();
        if (end && declared > 0) {
            throw Http2Exception.stream(id, ErrorCode.PROTOCOL_ERROR, "content-length disagrees with the DATA received"); // §8.1.1
        }
        // Until the client acknowledges our SETTINGS it may send at the initial 65 535 (RFC 9113 §6.9.2).
        int window = settingsAcknowledged ? conn.limits.initialStreamWindowBytes()
                : Math.max(conn.limits.initialStreamWindowBytes(), 65_535);
        StreamBody body = new StreamBody(conn, id, window, declared, conn.maxBodyBytes,
                conn.readTimeoutNanos, end);
        Request req = request == null ? null : request.toRequest(conn.info, body, conn.exchange().requestAttributes());
        return new Http2Stream(conn, id, body, conn.flow.newStreamWindow(), req, canned, end);
    }

    @Override
    public void priority(int streamId) throws Http2Exception {
        control.spend("too many PRIORITY frames"); // accepted and ignored (§5.3.2)
    }

    @Override
    public void rstStream(int streamId, int errorCode) throws Http2Exception {
        if (streamId > conn.highestStreamId) {
            throw Http2Exception.connection(ErrorCode.PROTOCOL_ERROR, "RST_STREAM on an idle stream"); // §6.4
        }
        Http2Stream stream = conn.streams.remove(streamId);
        if (stream == null) {
            return; // already closed: ignore (§5.1)
        }
        conn.closed.add(streamId, false);
        if (!stream.responseDone()) {
            resets.spend("too many streams reset"); // Rapid Reset, CVE-2023-44487
        }
        stream.peerReset();
    }

    @Override
    public void setting(int id, long value) throws Http2Exception {
        switch (id) {
            case Settings.INITIAL_WINDOW_SIZE -> conn.flow.peerInitialWindow(value, conn.streams.values());
            case Settings.HEADER_TABLE_SIZE -> peerHeaderTableSize = value;
            case Settings.MAX_FRAME_SIZE -> conn.flow.peerMaxFrameSize((int) value);
            default -> {
                // ENABLE_PUSH: Wisp never pushes; MAX_CONCURRENT_STREAMS: a server opens none;
                // MAX_HEADER_LIST_SIZE: advisory (§6.5.2)
            }
        }
    }

    @Override
    public void settings(boolean ack) throws Http2Exception {
        control.spend("too many SETTINGS frames"); // CVE-2019-9515
        if (ack && !settingsAcknowledged) {
            settingsAcknowledged = true;
            int window = conn.limits.initialStreamWindowBytes();
            if (window < 65_535) {
                for (Http2Stream s : conn.streams.values()) {
                    s.body.retarget(window); // opened under the initial 65 535: now shrunk at the client too
                }
            }
        }
        if (!ack) {
            conn.writer().peerSettings(peerHeaderTableSize, conn.flow.peerMaxFrameSizeValue());
            conn.writer().settingsAck();
            settingsReceived = true;
        }
    }

    @Override
    public void ping(boolean ack, long data) throws Http2Exception {
        control.spend("too many PING frames"); // CVE-2019-9512
        if (!ack) {
            conn.writer().ping(true, data);
        }
    }

    @Override
    public void goAway(int lastStreamId, int errorCode, byte[] buf, int debugOff, int debugLen) {
        conn.peerGoingAway();
    }

    @Override
    public void windowUpdate(int streamId, int increment) throws Http2Exception {
        if (streamId == 0) {
            conn.flow.windowUpdate(null, increment);
            return;
        }
        Http2Stream stream = conn.streams.get(streamId);
        if (stream == null) {
            if (streamId > conn.highestStreamId) {
                throw Http2Exception.connection(ErrorCode.PROTOCOL_ERROR, "WINDOW_UPDATE on an idle stream"); // §5.1
            }
            return; // a closed stream: ignore (§5.1)
        }
        try {
            conn.flow.windowUpdate(stream, increment);
        } catch (Http2Exception e) {
            onStreamError(e);
        }
    }

    @Override
    public void unknownFrame(int type, int streamId, int length) throws Http2Exception {
        control.spend("too many unknown frames");
    }

    @Override
    public void streamError(Http2Exception error) throws Http2Exception {
        onStreamError(error);
    }

    /** Resets the stream of a stream error; each one counts against the reset budget (CVE-2019-9514). */
    private void onStreamError(Http2Exception error) throws Http2Exception {
        if (error.isConnectionError()) {
            throw error;
        }
        resets.spend("too many stream errors");
        int id = error.streamId();
        conn.closed.add(id, true); // frames already in flight on it are ignored from now on (§5.1)
        Http2Stream stream = conn.streams.remove(id);
        if (stream != null) {
            stream.reset(error.code());
        } else {
            conn.writer().rstStream(id, error.code());
        }
    }

    /** A frame other than HEADERS, RST_STREAM, WINDOW_UPDATE or PRIORITY on a stream that is not open. */
    private void closedStreamFrame(int streamId, int type) throws Http2Exception {
        if (streamId > conn.highestStreamId) {
            throw Http2Exception.connection(ErrorCode.PROTOCOL_ERROR, Frame.typeName(type) + " on an idle stream"); // §5.1
        }
        if (conn.closed.lookup(streamId) != ClosedStreams.RESET_BY_US) {
            onStreamError(Http2Exception.stream(streamId, ErrorCode.STREAM_CLOSED, Frame.typeName(type) + " on a closed stream"));
        }
    }
}
