package dev.wisp.server.http2;

/**
 * The life of a stream (RFC 9113 §5.1) as a server sees it, with the transitions for frames
 * received and sent and the error for a frame a state does not allow.
 *
 * <pre>
 *                 recv HEADERS                 send END_STREAM
 *   IDLE ───────────────────────▶ OPEN ──────────────────────▶ HALF_CLOSED_LOCAL
 *     │ recv HEADERS+END_STREAM     │ recv END_STREAM                 │ recv END_STREAM
 *     └──────────────────────▶ HALF_CLOSED_REMOTE ◀┘                  │ or RST_STREAM
 *                                   │ send END_STREAM, or RST_STREAM  ▼
 *                                   └─────────────────────────────▶ CLOSED
 * </pre>
 *
 * <table>
 *   <caption>Frames received, by state (PRIORITY is allowed in every state and changes nothing)</caption>
 *   <tr><th>state</th><th>allowed</th><th>anything else</th></tr>
 *   <tr><td>IDLE</td><td>HEADERS</td><td>connection PROTOCOL_ERROR</td></tr>
 *   <tr><td>OPEN, HALF_CLOSED_LOCAL</td><td>all; a second HEADERS (trailers) must end the stream</td><td>stream PROTOCOL_ERROR</td></tr>
 *   <tr><td>HALF_CLOSED_REMOTE</td><td>WINDOW_UPDATE, RST_STREAM</td><td>stream STREAM_CLOSED</td></tr>
 *   <tr><td>CLOSED</td><td>WINDOW_UPDATE, RST_STREAM (ignored: they cross our own close)</td><td>stream STREAM_CLOSED</td></tr>
 * </table>
 * RST_STREAM closes a stream in any state but IDLE. The reserved states belong to server push,
 * which Wisp does not do, so a server's streams never enter them.
 */
public enum StreamState {
    IDLE, OPEN, HALF_CLOSED_LOCAL, HALF_CLOSED_REMOTE, CLOSED;

    /**
     * The state after receiving a frame of {@code type} (a {@link Frame} constant) on this stream.
     *
     * @throws Http2Exception the error §5.1 prescribes for a frame this state does not allow
     */
    public StreamState received(int type, boolean endStream, int streamId) throws Http2Exception {
        if (type == Frame.PRIORITY) {
            return this;
        }
        return switch (this) {
            case IDLE -> {
                if (type != Frame.HEADERS) {
                    throw Http2Exception.connection(ErrorCode.PROTOCOL_ERROR, Frame.typeName(type) + " on an idle stream");
                }
                yield endStream ? HALF_CLOSED_REMOTE : OPEN;
            }
            case OPEN, HALF_CLOSED_LOCAL -> switch (type) {
                case Frame.RST_STREAM -> CLOSED;
                case Frame.HEADERS, Frame.DATA -> {
                    if (type == Frame.HEADERS && !endStream) { // trailers end the stream (§8.1)
                        throw Http2Exception.stream(streamId, ErrorCode.PROTOCOL_ERROR, "trailers without END_STREAM");
                    }
                    yield !endStream ? this : this == OPEN ? HALF_CLOSED_REMOTE : CLOSED;
                }
                default -> this;
            };
            case HALF_CLOSED_REMOTE, CLOSED -> switch (type) {
                case Frame.RST_STREAM -> CLOSED;
                case Frame.WINDOW_UPDATE -> this;
                default -> throw Http2Exception.stream(streamId, ErrorCode.STREAM_CLOSED, Frame.typeName(type) + " on a closed stream");
            };
        };
    }

    /**
     * The state after this server sends a frame of {@code type} on the stream.
     *
     * @throws IllegalStateException when the state does not allow it: a bug in the connection
     */
    public StreamState sent(int type, boolean endStream) {
        if (type == Frame.RST_STREAM && this != IDLE) {
            return CLOSED;
        }
        boolean carriesMessage = type == Frame.HEADERS || type == Frame.DATA;
        return switch (this) {
            case OPEN -> carriesMessage && endStream ? HALF_CLOSED_LOCAL : this;
            case HALF_CLOSED_REMOTE -> carriesMessage && endStream ? CLOSED : this;
            default -> {
                if (carriesMessage || type == Frame.RST_STREAM) {
                    throw new IllegalStateException(Frame.typeName(type) + " sent on a stream in state " + this);
                }
                yield this;
            }
        };
    }
}
