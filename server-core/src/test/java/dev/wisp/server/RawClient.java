package dev.wisp.server;

import java.io.ByteArrayOutputStream;
import java.io.Closeable;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/** A minimal HTTP/1.1 client over a raw socket, for asserting exactly what the server sends. */
final class RawClient implements Closeable {
    final Socket socket;
    private final InputStream in;
    private final OutputStream out;

    RawClient(int port) throws IOException {
        socket = new Socket("127.0.0.1", port);
        socket.setSoTimeout(5000);
        socket.setTcpNoDelay(true);
        in = socket.getInputStream();
        out = socket.getOutputStream();
    }

    RawClient send(String raw) throws IOException {
        return send(raw.getBytes(StandardCharsets.ISO_8859_1));
    }

    RawClient send(byte[] raw) throws IOException {
        out.write(raw);
        out.flush();
        return this;
    }

    record Reply(int status, String statusLine, List<String[]> headers, String body, boolean chunked) {
        String header(String name) {
            for (String[] h : headers) {
                if (h[0].equalsIgnoreCase(name)) {
                    return h[1];
                }
            }
            return null;
        }

        int count(String name) {
            int n = 0;
            for (String[] h : headers) {
                if (h[0].equalsIgnoreCase(name)) {
                    n++;
                }
            }
            return n;
        }
    }

    Reply read() throws IOException {
        return read(false);
    }

    /** Reads one response; {@code head} says it answers a HEAD request (no body follows). */
    Reply read(boolean head) throws IOException {
        String statusLine = line();
        if (statusLine == null) {
            throw new IOException("connection closed before a response");
        }
        int status = Integer.parseInt(statusLine.substring(9, 12));
        List<String[]> headers = new ArrayList<>();
        String line;
        while (!(line = line()).isEmpty()) {
            int colon = line.indexOf(':');
            headers.add(new String[] {line.substring(0, colon), line.substring(colon + 1).strip()});
        }
        Reply partial = new Reply(status, statusLine, headers, "", false);
        if (head || status == 204 || status == 304 || status / 100 == 1) {
            return partial;
        }
        String cl = partial.header("Content-Length");
        if (cl != null) {
            return new Reply(status, statusLine, headers, new String(in.readNBytes(Integer.parseInt(cl)), StandardCharsets.UTF_8), false);
        }
        if ("chunked".equals(partial.header("Transfer-Encoding"))) {
            ByteArrayOutputStream body = new ByteArrayOutputStream();
            while (true) {
                int size = Integer.parseInt(line(), 16);
                if (size == 0) {
                    while (!line().isEmpty()) {
                        // trailers
                    }
                    break;
                }
                body.write(in.readNBytes(size));
                if (!line().isEmpty()) {
                    throw new IOException("chunk data not followed by CRLF");
                }
            }
            return new Reply(status, statusLine, headers, body.toString(StandardCharsets.UTF_8), true);
        }
        return new Reply(status, statusLine, headers, new String(in.readAllBytes(), StandardCharsets.UTF_8), false);
    }

    /** A CRLF-terminated line, without the CRLF; null at end of stream. Fails on a bare LF. */
    String line() throws IOException {
        StringBuilder sb = new StringBuilder();
        int c;
        while ((c = in.read()) != -1) {
            if (c == '\n') {
                if (sb.isEmpty() || sb.charAt(sb.length() - 1) != '\r') {
                    throw new IOException("bare LF from server");
                }
                return sb.substring(0, sb.length() - 1);
            }
            sb.append((char) c);
        }
        return sb.isEmpty() ? null : sb.toString();
    }

    /** Everything until the server closes, as Latin-1. */
    String readToEnd() throws IOException {
        return new String(in.readAllBytes(), StandardCharsets.ISO_8859_1);
    }

    /** Whether the server has closed the connection (EOF or reset) with nothing more to read. */
    boolean closedByServer() throws IOException {
        try {
            return in.read() == -1;
        } catch (SocketTimeoutException e) {
            return false;
        } catch (IOException reset) {
            return true;
        }
    }

    @Override
    public void close() throws IOException {
        socket.close();
    }
}
