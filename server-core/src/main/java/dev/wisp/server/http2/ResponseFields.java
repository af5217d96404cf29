package dev.wisp.server.http2;

import dev.wisp.server.Headers;
import dev.wisp.server.Response;
import dev.wisp.server.core.ResponsePlan;
import dev.wisp.server.io.HttpDate;

/**
 * A response's field block on HTTP/2: {@code :status}, the handler's fields without the
 * server-owned ones (RFC 9113 §8.2.2 forbids connection-specific fields), {@code date} unless the
 * handler set one, and {@code content-length} when {@link ResponsePlan} knows the length.
 */
final class ResponseFields {
    private ResponseFields() {
    }

    static FieldList of(Response response, boolean headRequest) {
        FieldList fields = new FieldList();
        fields.add(":status", Integer.toString(response.status()));
        Headers headers = response.headers();
        boolean hasDate = false;
        for (int i = 0; i < headers.size(); i++) {
            String name = headers.name(i);
            if (ResponsePlan.isServerOwnedField(name)) {
                continue;
            }
            hasDate |= name.equalsIgnoreCase("date");
            fields.add(name, headers.value(i));
        }
        if (!hasDate) {
            fields.add("date", HttpDate.value());
        }
        long length = ResponsePlan.streamed(response) ? ResponsePlan.UNKNOWN_LENGTH : ResponsePlan.length(response, headRequest);
        if (length != ResponsePlan.UNKNOWN_LENGTH) {
            fields.add("content-length", Long.toString(length));
        }
        return fields;
    }
}
