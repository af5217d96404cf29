/**
 * Request paths: route patterns ({@link dev.wisp.web.routing.RoutePattern}), the segment tree they
 * compile into ({@link dev.wisp.web.routing.RouteTree}), the parameters a match captures
 * ({@link dev.wisp.web.routing.PathParams}) and the strict percent-decoding shared by paths, query
 * strings and form bodies ({@link dev.wisp.web.routing.PercentDecoder}). Nothing here knows about
 * handlers or responses: the tree maps a method and a raw path to whatever value was registered.
 */
package dev.wisp.web.routing;
