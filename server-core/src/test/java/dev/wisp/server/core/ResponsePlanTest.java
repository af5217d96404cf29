package dev.wisp.server.core;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.wisp.server.Response;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

/** The protocol-neutral response rules (RFC 9110 §6.4.1, §7.6.1, §9.3.2; RFC 9113 §8.2.2). */
class ResponsePlanTest {

    @ParameterizedTest
    @ValueSource(strings = {"Connection", "keep-alive", "Proxy-Connection", "TE", "Trailer", "Transfer-Encoding",
            "upgrade", "CONTENT-LENGTH"})
    void framingAndConnectionSpecificFieldsAreTheServers(String name) {
        assertTrue(ResponsePlan.isServerOwnedField(name));
    }

    @ParameterizedTest
    @ValueSource(strings = {"Content-Type", "Date", "ETag", "Tea", "Vary", "Content-Encoding"})
    void otherFieldsAreTheHandlers(String name) {
        assertFalse(ResponsePlan.isServerOwnedField(name));
    }

    @ParameterizedTest
    @CsvSource({"200,false,true", "200,true,false", "204,false,false", "304,false,false", "404,false,true"})
    void bodiesAreSentExceptForHeadAnd204And304(int status, boolean head, boolean sends) {
        assertEquals(sends, ResponsePlan.sendsBody(Response.text("x").withStatus(status), head));
    }

    @ParameterizedTest
    @CsvSource({"'',-1", "12,12", "1x,-1", "-1,-1", "0,0"})
    void aHeadRouteWithNoBodyMayDeclareWhatGetWouldSend(String declared, long expected) {
        Response r = Response.status(200);
        if (!declared.isEmpty()) {
            r = r.withHeader("Content-Length", declared);
        }
        assertEquals(expected, ResponsePlan.length(r, true));
        assertEquals(0, ResponsePlan.length(r, false));
    }

    @ParameterizedTest
    @CsvSource({"200,5", "204,-1", "304,-1"})
    void lengthIsKnownForBytesAndNeverFor204And304(int status, long expected) {
        assertEquals(expected, ResponsePlan.length(Response.text("hello").withStatus(status), false));
    }

    @ParameterizedTest
    @CsvSource({"200,true", "204,false", "304,false"})
    void aStreamIsStreamedOnlyWhereABodyIsAllowed(int status, boolean streamed) {
        assertEquals(streamed, ResponsePlan.streamed(Response.stream("text/plain", out -> { }).withStatus(status)));
    }
}
