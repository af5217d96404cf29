/** A JUnit 5 extension that serves any Wisp {@code Handler} on a free port for REST-assured tests. */
module dev.wisp.testing {
    requires transitive dev.wisp.server;
    requires transitive org.junit.jupiter.api;
    requires rest.assured;

    exports dev.wisp.testing;
}
