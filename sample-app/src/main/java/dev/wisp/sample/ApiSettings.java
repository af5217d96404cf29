package dev.wisp.sample;

import dev.wisp.server.ServerConfig;
import dev.wisp.web.multipart.MultipartLimits;
import java.time.Duration;
import java.util.Objects;

/**
 * What the todo API lets an operator tune. Start from {@link #defaults()}.
 *
 * <table>
 *   <caption>Defaults</caption>
 *   <tr><th>component</th><th>default</th><th>meaning</th></tr>
 *   <tr><td>maxUploadBytes</td><td>10 MiB</td><td>the largest attachment, in bytes: a file of exactly
 *       this size is accepted, one byte more is a 413 problem; 1 byte to {@value #MAX_UPLOAD_BYTES}
 *       (attachments are held in memory while stored, and PostgreSQL's {@code bytea} ends at 1 GB)</td></tr>
 *   <tr><td>eventHeartbeat</td><td>15 s</td><td>how long the event stream may stay silent before a
 *       {@code : heartbeat} comment; it keeps proxies from closing an idle stream and is how a
 *       departed client is noticed (its write fails)</td></tr>
 * </table>
 *
 * <p>An upload is a {@code multipart/form-data} body: the file plus its part headers and the
 * boundary lines. The upload routes accept a body of {@link #uploadBodyBytes()}, the file limit
 * plus {@value #MULTIPART_OVERHEAD_BYTES} bytes, enough for the framing of {@value #MAX_PARTS}
 * parts with headers of up to 8 KiB ({@link #uploadLimits()}), so the file limit is the one a
 * client meets. The server's own body limit must be at least that: {@link #applyTo} raises it.
 */
public record ApiSettings(long maxUploadBytes, Duration eventHeartbeat) {
    public static final long DEFAULT_MAX_UPLOAD_BYTES = 10L * 1024 * 1024;
    public static final long MAX_UPLOAD_BYTES = 512L * 1024 * 1024;
    /** Room for the multipart framing around the file: see the class comment. */
    static final long MULTIPART_OVERHEAD_BYTES = 64 * 1024;
    static final int MAX_PARTS = 4;
    static final int MAX_FIELD_BYTES = 8 * 1024;

    public ApiSettings {
        if (maxUploadBytes < 1 || maxUploadBytes > MAX_UPLOAD_BYTES) {
            throw new IllegalArgumentException("maxUploadBytes must be from 1 to " + MAX_UPLOAD_BYTES + ", was " + maxUploadBytes);
        }
        Objects.requireNonNull(eventHeartbeat, "eventHeartbeat");
        if (eventHeartbeat.isNegative() || eventHeartbeat.isZero() || eventHeartbeat.compareTo(Duration.ofSeconds(15)) > 0) {
            // The contract: a heartbeat at least every 15 s.
            throw new IllegalArgumentException("eventHeartbeat must be more than 0 and at most 15 s, was " + eventHeartbeat);
        }
    }

    public static ApiSettings defaults() {
        return new ApiSettings(DEFAULT_MAX_UPLOAD_BYTES, Duration.ofSeconds(15));
    }

    public ApiSettings withMaxUploadBytes(long v) {
        return new ApiSettings(v, eventHeartbeat);
    }

    public ApiSettings withEventHeartbeat(Duration v) {
        return new ApiSettings(maxUploadBytes, v);
    }

    /** The body limit of the upload routes: the file limit plus the multipart framing. */
    public long uploadBodyBytes() {
        return maxUploadBytes + MULTIPART_OVERHEAD_BYTES;
    }

    /**
     * The multipart bounds of the upload routes: one file of at most {@link #maxUploadBytes}, at
     * most {@value #MAX_PARTS} parts with headers of at most 8 KiB and fields of at most
     * {@value #MAX_FIELD_BYTES} bytes, which together fit in {@value #MULTIPART_OVERHEAD_BYTES}.
     */
    MultipartLimits uploadLimits() {
        return MultipartLimits.defaults()
                .withMaxFileBytes(maxUploadBytes)
                .withMaxParts(MAX_PARTS)
                .withMaxPartHeaderBytes(8 * 1024)
                .withMaxFieldBytes(MAX_FIELD_BYTES);
    }

    /**
     * {@code config} with its {@code maxBodyBytes} raised to {@link #uploadBodyBytes()} when it is
     * lower (the server's limit is the ceiling of every route's). The rest of the API keeps its
     * own lower limit ({@link TodoApp#JSON_BODY_BYTES}), so only the upload routes accept bodies
     * that large.
     */
    public ServerConfig applyTo(ServerConfig config) {
        if (config.limits().maxBodyBytes() >= uploadBodyBytes()) {
            return config;
        }
        return config.withLimits(config.limits().withMaxBodyBytes(uploadBodyBytes()));
    }
}
