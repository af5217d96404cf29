package dev.wisp.web.middleware;

import java.util.List;

/**
 * Settings of {@link Compression}. Start from {@link #defaults()} and change what you need with
 * the {@code with…} copies; the constructor checks every value.
 *
 * <table>
 *   <caption>Defaults</caption>
 *   <tr><th>component</th><th>default</th><th>meaning</th></tr>
 *   <tr><td>minSizeBytes</td><td>1024</td><td>bodies of known length below this are sent as is (gzip's
 *       ~20 bytes of framing and a round trip saved make small bodies not worth it); streamed bodies of
 *       unknown length are always compressed</td></tr>
 *   <tr><td>level</td><td>6</td><td>deflate level 1 (fastest) to 9 (smallest); 6 is zlib's and Go's default</td></tr>
 *   <tr><td>types</td><td>{@link #DEFAULT_TYPES}</td><td>compressible media types: {@code type/subtype},
 *       {@code type/*} or {@code *}{@code /*+suffix}</td></tr>
 *   <tr><td>decodeRequests</td><td>false</td><td>whether request bodies with {@code Content-Encoding: gzip}
 *       are decoded (then any other coding is refused with 415)</td></tr>
 *   <tr><td>maxDecodedRequestBytes</td><td>10 MiB</td><td>the bound on a decoded request body: a zip
 *       bomb is refused with 413 once it inflates past it</td></tr>
 * </table>
 */
public record CompressionConfig(
        int minSizeBytes,
        int level,
        List<String> types,
        boolean decodeRequests,
        long maxDecodedRequestBytes) {

    /**
     * JSON and {@code +json}, all {@code text/*} (HTML, CSS, plain text, CSV, JavaScript and
     * {@code text/event-stream}, which is flushed per event), JavaScript, XML and {@code +xml}
     * (SVG, Atom, RSS).
     */
    public static final List<String> DEFAULT_TYPES = List.of(
            "text/*", "application/json", "*/*+json", "application/javascript",
            "application/xml", "*/*+xml", "image/svg+xml");

    public CompressionConfig {
        if (minSizeBytes < 0) {
            throw new IllegalArgumentException("Compression minSizeBytes must be >= 0, got " + minSizeBytes);
        }
        if (level < 1 || level > 9) {
            throw new IllegalArgumentException("Compression level must be 1 (fastest) to 9 (smallest), got " + level);
        }
        types = List.copyOf(types);
        MediaTypePatterns.compile(types); // fail here, naming the bad pattern, rather than at the first request
        if (maxDecodedRequestBytes <= 0) {
            throw new IllegalArgumentException("Compression maxDecodedRequestBytes must be > 0, got " + maxDecodedRequestBytes);
        }
    }

    public static CompressionConfig defaults() {
        return new CompressionConfig(1024, 6, DEFAULT_TYPES, false, 10L * 1024 * 1024);
    }

    public CompressionConfig withMinSizeBytes(int v) {
        return new CompressionConfig(v, level, types, decodeRequests, maxDecodedRequestBytes);
    }

    public CompressionConfig withLevel(int v) {
        return new CompressionConfig(minSizeBytes, v, types, decodeRequests, maxDecodedRequestBytes);
    }

    /** Replaces the compressible types, e.g. {@code withTypes("application/json", "text/*")}. */
    public CompressionConfig withTypes(String... v) {
        return new CompressionConfig(minSizeBytes, level, List.of(v), decodeRequests, maxDecodedRequestBytes);
    }

    /** Decodes gzip request bodies, up to {@code maxDecodedBytes} each once decoded. */
    public CompressionConfig withRequestDecoding(long maxDecodedBytes) {
        return new CompressionConfig(minSizeBytes, level, types, true, maxDecodedBytes);
    }

    public CompressionConfig withoutRequestDecoding() {
        return new CompressionConfig(minSizeBytes, level, types, false, maxDecodedRequestBytes);
    }
}
