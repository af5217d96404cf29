/**
 * Request paths: route patterns ({@link dev.wisp.web.routing.RoutePattern}), the segment tree they
 * compile into ({@link dev.wisp.web.routing.RouteTree}) and the parameters a match captures
 * ({@link dev.wisp.web.routing.PathParams}). Segments and parameters are decoded with the server's
 * strict percent-decoder ({@link dev.wisp.server.PercentEncoding}), the one that decoded
 * {@code Request.path()}. Nothing here knows about handlers or responses: the tree maps a method
 * and a raw path to whatever value was registered.
 */
package dev.wisp.web.routing;
