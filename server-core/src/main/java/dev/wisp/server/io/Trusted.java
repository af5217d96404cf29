package dev.wisp.server.io;

import dev.wisp.server.Headers;

/**
 * Lets the parser build {@link Headers} from fields it has already validated byte by byte,
 * without the public factory's second check and copy. The API package installs the factory when
 * {@code Headers} initialises (the JDK's "shared secrets" pattern), so nothing new is exported.
 */
public final class Trusted {
    /** Wraps the array without copying it; the caller must not touch the array afterwards. */
    public interface HeadersFactory {
        Headers create(String[] namesAndValues, int size);
    }

    private static volatile HeadersFactory headers;

    private Trusted() {
    }

    /** Called once, by {@code Headers}' static initialiser. */
    public static void install(HeadersFactory factory) {
        if (headers == null) {
            headers = factory;
        }
    }

    public static Headers headers(String[] namesAndValues, int size) {
        HeadersFactory factory = headers;
        if (factory == null) {
            Headers.empty(); // initialises Headers, which installs the factory
            factory = headers;
        }
        return factory.create(namesAndValues, size);
    }
}
