/**
 * Application errors as RFC 9457 problem documents: the {@link dev.wisp.web.problem.HttpException}
 * family (each maps to one status), {@link dev.wisp.web.problem.Problem} and its JSON form
 * ({@code application/problem+json}), {@link dev.wisp.web.problem.FieldError} for per-field
 * problems, and {@link dev.wisp.web.problem.ExceptionMapper} for the application's own exception
 * types. The framework's {@code App} is the one place where a thrown exception becomes a response.
 * Protocol errors (malformed framing, oversized heads) are not rendered here: the server core
 * answers those itself.
 */
package dev.wisp.web.problem;
