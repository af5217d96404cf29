/**
 * JSON in and out through one small class, {@link dev.wisp.web.json.Json}, which wraps a configured
 * Jackson 3 {@code JsonMapper} (which caches serializers per type), checks the request's
 * content type and turns Jackson's parse and binding errors into 400 problem documents with a
 * line, a column and a JSON Pointer. Replace or configure the mapper by handing your own to
 * {@link dev.wisp.web.json.Json#using}.
 */
package dev.wisp.web.json;
