package dev.wisp.server;

/**
 * Limits that only HTTP/1.1 has: the size of a message head and of the connection's buffer.
 *
 * <table>
 *   <caption>Defaults and what happens past them</caption>
 *   <tr><th>limit</th><th>default</th><th>past it</th></tr>
 *   <tr><td>maxRequestLineBytes</td><td>8 KiB</td><td>414, close</td></tr>
 *   <tr><td>maxHeaderBytes (all field lines)</td><td>16 KiB</td><td>431, close</td></tr>
 *   <tr><td>maxHeaderCount</td><td>100</td><td>431, close</td></tr>
 *   <tr><td>maxDrainBytes (unread body discarded to keep a connection)</td><td>64 KiB</td><td>close instead</td></tr>
 *   <tr><td>readBufferBytes (per connection, grows for long lines, at least 256)</td><td>4 KiB</td><td>—</td></tr>
 * </table>
 */
public record Http1Limits(int maxRequestLineBytes, int maxHeaderBytes, int maxHeaderCount, int maxDrainBytes,
                          int readBufferBytes) {

    public Http1Limits {
        Limits.positive("maxRequestLineBytes", maxRequestLineBytes);
        Limits.positive("maxHeaderBytes", maxHeaderBytes);
        Limits.positive("maxHeaderCount", maxHeaderCount);
        if (maxDrainBytes < 0) {
            throw new IllegalArgumentException("maxDrainBytes must be >= 0, got " + maxDrainBytes);
        }
        if (readBufferBytes < 256) {
            throw new IllegalArgumentException("readBufferBytes must be >= 256, got " + readBufferBytes);
        }
    }

    public static Http1Limits defaults() {
        return new Http1Limits(8 * 1024, 16 * 1024, 100, 64 * 1024, 4 * 1024);
    }

    public Http1Limits withMaxRequestLineBytes(int v) {
        return new Http1Limits(v, maxHeaderBytes, maxHeaderCount, maxDrainBytes, readBufferBytes);
    }

    public Http1Limits withMaxHeaderBytes(int v) {
        return new Http1Limits(maxRequestLineBytes, v, maxHeaderCount, maxDrainBytes, readBufferBytes);
    }

    public Http1Limits withMaxHeaderCount(int v) {
        return new Http1Limits(maxRequestLineBytes, maxHeaderBytes, v, maxDrainBytes, readBufferBytes);
    }

    public Http1Limits withMaxDrainBytes(int v) {
        return new Http1Limits(maxRequestLineBytes, maxHeaderBytes, maxHeaderCount, v, readBufferBytes);
    }

    public Http1Limits withReadBufferBytes(int v) {
        return new Http1Limits(maxRequestLineBytes, maxHeaderBytes, maxHeaderCount, maxDrainBytes, v);
    }
}
