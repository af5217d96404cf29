/**
 * HTTP/2 (RFC 9113, RFC 7541): the codec and, on top of it, the connection that serves the same
 * {@code Handler} as HTTP/1.1. Not part of the API: classes are public only so protocol
 * selection and the benchmarks can reach them.
 *
 * <h2>The connection</h2>
 * {@link dev.wisp.server.http2.Http2Connection} implements the core's {@code Connection}; protocol
 * selection creates it for ALPN {@code h2} or the plaintext preface. {@code Http2Reader} gives each
 * frame its meaning (stream states and ids, header blocks, settings, the flood budgets of
 * {@code Http2Limits}); {@code Http2Stream} runs one exchange; {@code StreamBody} is a request
 * body fed by the reader; {@code DataOutput} a streamed response body; {@code ResponseFields} the
 * response's field block from the core's {@code ResponsePlan}; {@code Http2Writer} the output.
 *
 * <h2>Concurrency shape</h2>
 * <pre>
 *   connection thread (reader) ──frames──▶ Http2Reader ──HEADERS──▶ new virtual thread per stream
 *        │  HPACK decode in order              │ DATA                     │ Exchange.run(handler)
 *        │  never blocks on the writer         ▼                          │ read body (blocks, bounded)
 *        │  or on a window              StreamBody buffer ◀── read ───────┤
 *        ▼                                                                 │ wait for window credit
 *   control frames (ACK, PING, WINDOW_UPDATE, RST, GOAWAY) ──▶ Http2Writer ◀── HEADERS / DATA
 *                                                              (one lock: HPACK encoder + buffer;
 *                                                               its own thread writes the socket)
 * </pre>
 * <ul>
 *   <li>The connection's virtual thread is the only <b>reader</b>: frames, HPACK decoding in
 *       order (§4.3), stream admission. It hands DATA to a stream's bounded buffer and never
 *       waits for a stream, a window or the socket's output.</li>
 *   <li>Each stream runs the shared {@code Exchange} on <b>its own virtual thread</b>.</li>
 *   <li>One <b>writer</b> owns the output buffer and the HPACK encoder (under one
 *       {@code ReentrantLock}); its own virtual thread writes what is queued and so flushes when
 *       nothing else is. Stream threads wait there only for buffer room, never for credit.</li>
 *   <li>A stream waits for <b>window credit</b> on a {@code Condition} of the connection's flow
 *       lock, holding nothing else: it never blocks the reader or the writer, and the reader's
 *       WINDOW_UPDATE wakes it (Helidon deadlocked where a stream waiting for credit held the
 *       writer the reader needed). All locks are {@code java.util.concurrent} locks: no carrier
 *       is pinned.</li>
 *   <li>Request bodies: credit is given back as the handler consumes, in batches of half a
 *       window, for the stream and the connection ({@link dev.wisp.server.http2.ReceiveWindow}).</li>
 * </ul>
 *
 * <h2>What is here</h2>
 * <ul>
 *   <li><b>Frames</b>: {@link dev.wisp.server.http2.FrameDecoder}, fed reads of any size, checks
 *       each frame ({@code FrameParser}: sizes, stream ids, padding, SETTINGS values, the
 *       HEADERS/CONTINUATION sequence) and calls a {@link dev.wisp.server.http2.FrameHandler};
 *       {@link dev.wisp.server.http2.FrameWriter} writes frames into the caller's buffer;
 *       {@link dev.wisp.server.http2.Settings}, {@link dev.wisp.server.http2.ErrorCode},
 *       {@link dev.wisp.server.http2.Frame} constants.</li>
 *   <li><b>HPACK</b>: {@link dev.wisp.server.http2.HpackDecoder} (table size and header list
 *       limits, HPACK bomb refused), {@link dev.wisp.server.http2.HpackEncoder} (documented
 *       indexing policy, sensitive fields never indexed), the static and dynamic tables, the
 *       Huffman code, {@link dev.wisp.server.http2.HeaderBlock} (HEADERS + CONTINUATION
 *       gathering, bounded against CONTINUATION floods).</li>
 *   <li><b>Stream rules</b>: {@link dev.wisp.server.http2.FlowWindow} (window arithmetic),
 *       {@link dev.wisp.server.http2.StreamState} (the §5.1 state machine as a table) and
 *       {@link dev.wisp.server.http2.RequestFields} (§8.3.1 request validation into the core's
 *       {@code Request} fields).</li>
 * </ul>
 *
 * <h2>Errors</h2>
 * Every violation by the peer is an {@link dev.wisp.server.http2.Http2Exception} carrying an
 * {@link dev.wisp.server.http2.ErrorCode}: a connection error (GOAWAY, then close) or a stream
 * error (RST_STREAM on that stream). HPACK failures are {@link dev.wisp.server.http2.HpackException},
 * always a connection COMPRESSION_ERROR. Messages are fixed text that never echoes the peer.
 *
 * <h2>Codec objects</h2>
 * Nothing in the codec is thread-safe, by design: each object has one owner (the reader: the
 * frame decoder, {@code HeaderBlock}, {@code HpackDecoder}; the writer: {@code HpackEncoder}).
 */
package dev.wisp.server.http2;
