/**
 * Wisp's server core: the {@code Handler} contract, the request and response values, the
 * configuration records and {@code Server}. Only {@code dev.wisp.server} is API; the protocol
 * machinery in {@code dev.wisp.server.core}, {@code .io}, {@code .http1} (and the protocols that
 * follow) is internal and may change in any release. No dependency outside the JDK.
 */
module dev.wisp.server {
    exports dev.wisp.server;
}
