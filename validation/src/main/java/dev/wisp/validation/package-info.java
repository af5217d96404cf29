/**
 * Optional Jakarta Bean Validation for Wisp: {@link dev.wisp.validation.Validated} binds a JSON
 * body, runs its constraints and answers 422 problem documents with one JSON Pointer per
 * violation, the shape of the framework's {@code ValidationException}.
 */
package dev.wisp.validation;
