/**
 * The application object: {@link dev.wisp.web.App}, itself a {@code dev.wisp.server.Handler}, with
 * routes, route groups, mounts, middleware and error mapping; the request view route handlers get
 * ({@link dev.wisp.web.WebRequest}) with its path, query, form, cookie and JSON helpers; and the
 * rules that turn a route's return value into a response ({@link dev.wisp.web.Result}).
 */
package dev.wisp.web;
