/**
 * Wisp's framework: {@code App} (a {@code Handler}) with routing, JSON via Jackson, middleware,
 * RFC 9457 problem details, static files and socket-free test helpers.
 */
module dev.wisp.web {
    requires transitive dev.wisp.server;
    requires transitive tools.jackson.databind;

    exports dev.wisp.web;
    exports dev.wisp.web.json;
    exports dev.wisp.web.middleware;
    exports dev.wisp.web.multipart;
    exports dev.wisp.web.problem;
    exports dev.wisp.web.routing;
    exports dev.wisp.web.sse;
    exports dev.wisp.web.testing;
}
