package dev.wisp.web;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.wisp.server.Server;
import dev.wisp.server.ServerConfig;
import dev.wisp.server.WebSocketMessage;
import dev.wisp.server.testkit.WsMessages;
import dev.wisp.web.middleware.RequestId;
import dev.wisp.web.problem.ForbiddenException;
import dev.wisp.web.testing.TestRequest;
import dev.wisp.web.testing.TestResponse;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.WebSocket;
import java.net.http.WebSocketHandshakeException;
import java.time.Duration;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * {@code app.ws} routes behind the real server, with the JDK WebSocket client: path parameters
 * and middleware attributes reach the session, and a refusing {@code before} answers its problem
 * document instead of a 101.
 */
@Timeout(value = 30, unit = TimeUnit.SECONDS)
class WebSocketRouteTest {
    private static final Duration WAIT = Duration.ofSeconds(10);
    static Server server;
    static final HttpClient HTTP = HttpClient.newHttpClient();

    @BeforeAll
    static void start() {
        var rooms = new ConcurrentHashMap<String, Set<WsSession>>();
        App app = App.create()
                .use(RequestId.create())
                .ws("/room/{name}", session -> {          // the README's chat room
                    Set<WsSession> room = rooms.computeIfAbsent(session.path("name"), r -> ConcurrentHashMap.newKeySet());
                    room.add(session);
                    try {
                        while (session.receive() instanceof WebSocketMessage.Text t) {
                            for (WsSession peer : room) {
                                try {
                                    peer.sendText(t.text());
                                } catch (IOException gone) {
                                    room.remove(peer);
                                }
                            }
                        }
                    } finally {
                        room.remove(session);
                    }
                })
                .ws("/chat/{room}", session -> {
                    session.sendText("room=" + session.path("room") + " id=" + RequestId.of(session.request()));
                    while (session.receive() instanceof WebSocketMessage.Text t) {
                        session.sendText(session.path("room") + ": " + t.text());
                    }
                })
                .group("/private", g -> g
                        .before(req -> {
                            if (!"s3cret".equals(req.header("X-Token"))) {
                                throw new ForbiddenException("A valid X-Token is needed");
                            }
                        })
                        .ws("/feed", session -> session.sendText("welcome")));
        server = Server.start(ServerConfig.defaults().withHost("127.0.0.1").withPort(ServerConfig.ANY_PORT), app);
    }

    @AfterAll
    static void stop() {
        server.close();
        HTTP.close();
    }

    private static WebSocket.Builder builder() {
        return HTTP.newWebSocketBuilder();
    }

    private static URI uri(String path) {
        return URI.create("ws://127.0.0.1:" + server.port() + path);
    }

    @Test
    void theSessionSeesPathParametersAndMiddlewareAttributes() throws Exception {
        WsMessages texts = new WsMessages();
        WebSocket ws = builder().header(RequestId.HEADER, "req-42").buildAsync(uri("/chat/kitchen"), texts).get(10, TimeUnit.SECONDS);
        assertEquals("room=kitchen id=req-42", texts.nextText(WAIT));
        ws.sendText("hello", true);
        assertEquals("kitchen: hello", texts.nextText(WAIT));
        ws.sendClose(WebSocket.NORMAL_CLOSURE, "");
    }

    @Test
    void aChatRoomBroadcastsToEveryoneInTheSameRoomOnly() throws Exception {
        WsMessages alice = new WsMessages();
        WsMessages bob = new WsMessages();
        WsMessages carol = new WsMessages();
        // A session is in the room once its first message comes back to it.
        WebSocket a = builder().buildAsync(uri("/room/one"), alice).get(10, TimeUnit.SECONDS);
        a.sendText("alice here", true);
        assertEquals("alice here", alice.nextText(WAIT));
        WebSocket b = builder().buildAsync(uri("/room/one"), bob).get(10, TimeUnit.SECONDS);
        WebSocket c = builder().buildAsync(uri("/room/two"), carol).get(10, TimeUnit.SECONDS);
        b.sendText("bob here", true);
        assertEquals("bob here", bob.nextText(WAIT));
        assertEquals("bob here", alice.nextText(WAIT));
        a.sendText("hi all", true);
        assertEquals("hi all", alice.nextText(WAIT));
        assertEquals("hi all", bob.nextText(WAIT));
        c.sendText("alone", true);
        assertEquals("alone", carol.nextText(WAIT));
        assertTrue(alice.messages.isEmpty() && bob.messages.isEmpty(), "room two stays in room two");
        for (WebSocket ws : new WebSocket[] {a, b, c}) {
            ws.sendClose(WebSocket.NORMAL_CLOSURE, "");
        }
    }

    @Test
    void aBeforeThatRefusesAnswersItsProblemNot101() throws Exception {
        ExecutionException e = assertThrows(ExecutionException.class,
                () -> builder().buildAsync(uri("/private/feed"), new WsMessages()).get(10, TimeUnit.SECONDS));
        WebSocketHandshakeException refused = (WebSocketHandshakeException) e.getCause();
        assertEquals(403, refused.getResponse().statusCode());
        assertEquals("application/problem+json", refused.getResponse().headers().firstValue("Content-Type").orElseThrow());

        WsMessages texts = new WsMessages();
        WebSocket ws = builder().header("X-Token", "s3cret").buildAsync(uri("/private/feed"), texts).get(10, TimeUnit.SECONDS);
        assertEquals("welcome", texts.nextText(WAIT));
        ws.abort();
    }

    @Test
    void withoutANetworkAWsRouteAnswersTheSwitchValue() throws Exception {
        // A handler is a function: the route's answer is the 101 value carrying the session handler.
        App app = App.create().use(RequestId.create()).ws("/chat/{room}", session -> { });
        TestResponse response = TestRequest.get("/chat/lobby").header(RequestId.HEADER, "r-1").send(app);
        assertEquals(101, response.status());
        assertEquals("r-1", response.header(RequestId.HEADER));
        assertTrue(response.response().body() instanceof dev.wisp.server.Body.WebSocket);
    }
}
