package dev.wisp.server.tls;

import dev.wisp.server.TlsConfigException;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.AccessDeniedException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;

/**
 * One configured TLS file and its role ("certificate file", "private key file", "keystore",
 * "trust file"), read whole and turned into one-line {@link TlsConfigException}s of the form
 * {@code TLS <role> <path>: <problem>}.
 *
 * <p>Files are small (a certificate chain is a few KiB); anything over {@link #MAX_BYTES} is
 * refused rather than read, so a misconfigured path to a large file cannot exhaust the heap.
 */
record TlsFile(String role, Path path) {

    /** The largest file read: 1 MiB, far above any certificate chain, key or CA bundle in use. */
    static final int MAX_BYTES = 1 << 20;

    /** Reads the whole file, or throws a one-line {@link TlsConfigException}. */
    byte[] read() {
        if (Files.isDirectory(path)) {
            throw problem("is a directory, not a file");
        }
        try (InputStream in = Files.newInputStream(path)) {
            byte[] bytes = in.readNBytes(MAX_BYTES + 1);
            if (bytes.length == 0) {
                throw problem("is empty");
            }
            if (bytes.length > MAX_BYTES) {
                throw problem("is larger than 1 MiB; that is not a certificate or key file");
            }
            return bytes;
        } catch (NoSuchFileException e) {
            throw problem("no such file");
        } catch (AccessDeniedException e) {
            throw problem("cannot be read (permission denied)");
        } catch (IOException e) {
            throw problem("cannot be read (" + e.getMessage() + ")");
        }
    }

    /** The one-line exception for a problem with this file. */
    TlsConfigException problem(String what) {
        return new TlsConfigException("TLS " + role + " " + path + ": " + what);
    }

    TlsConfigException problem(String what, Throwable cause) {
        return new TlsConfigException("TLS " + role + " " + path + ": " + what, cause);
    }
}
