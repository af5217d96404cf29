/**
 * HTTP/2 protocol internals (RFC 9113, RFC 7541): the pure codec layer the HTTP/2 connection is
 * built on. Not part of the API: classes are public only so the connection layer and the
 * benchmarks can reach them.
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
 * <h2>Concurrency shape</h2>
 * Nothing in this package is thread-safe, by design: each object has one owner.
 * <ul>
 *   <li>The connection's virtual thread is the only <b>reader</b>. It owns the
 *       {@code FrameDecoder}, the {@code HeaderBlock} and the {@code HpackDecoder}, and decodes
 *       header blocks in the order they arrive, as HPACK requires (RFC 9113 §4.3).</li>
 *   <li>Each stream runs the shared {@code Exchange} on its own virtual thread and never touches
 *       a codec object: it hands its response head and DATA to the writer.</li>
 *   <li>One <b>writer</b> owns the output buffer, the {@code FrameWriter} calls and the
 *       {@code HpackEncoder}; it encodes each header block and writes its frames back to back, in
 *       the order encoded, and flushes when nothing else is queued.</li>
 *   <li>Flow-control windows are plain values here; the connection guards them with locks that
 *       do not pin carriers, so a stream waiting for credit never blocks the reader or the
 *       writer.</li>
 * </ul>
 */
package dev.wisp.server.http2;
