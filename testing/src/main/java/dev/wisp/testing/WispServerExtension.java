package dev.wisp.testing;

import dev.wisp.server.Handler;
import dev.wisp.server.Server;
import dev.wisp.server.ServerConfig;
import io.restassured.RestAssured;
import java.util.Objects;
import java.util.function.Supplier;
import java.util.function.UnaryOperator;
import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * Serves a Wisp handler (an {@code App}, or any {@link Handler}) on a free loopback port for the
 * tests of one class, and points REST-assured at it.
 *
 * <pre>{@code
 * class TodoApiTest {
 *     @RegisterExtension
 *     static final WispServerExtension server = WispServerExtension.serve(Main::app);
 *
 *     @Test
 *     void listsTodos() {
 *         given().get("/api/todos").then().statusCode(200);
 *     }
 * }
 * }</pre>
 *
 * <p>Register it on a {@code static} field: the server starts once before the class's tests and
 * stops (gracefully) after them. REST-assured's static {@code baseURI} and {@code port} are set on
 * start and reset on stop, so test classes that run one after another don't see each other's
 * servers (don't run such classes in parallel in one JVM).
 */
public final class WispServerExtension implements BeforeAllCallback, AfterAllCallback {
    private final Supplier<? extends Handler> handler;
    private final ServerConfig config;
    private Server server;

    private WispServerExtension(Supplier<? extends Handler> handler, ServerConfig config) {
        this.handler = Objects.requireNonNull(handler, "handler");
        this.config = config;
    }

    /** Serves what {@code handler} supplies, with the default limits, on 127.0.0.1 and a free port. */
    public static WispServerExtension serve(Supplier<? extends Handler> handler) {
        return new WispServerExtension(handler, ServerConfig.defaults().withHost("127.0.0.1").withPort(ServerConfig.ANY_PORT));
    }

    /** A copy that adjusts the server config (host and port stay loopback and free unless changed). */
    public WispServerExtension withConfig(UnaryOperator<ServerConfig> change) {
        return new WispServerExtension(handler, change.apply(config));
    }

    @Override
    public void beforeAll(ExtensionContext context) {
        server = Server.start(config, handler.get());
        RestAssured.baseURI = "http://127.0.0.1";
        RestAssured.port = server.port();
    }

    @Override
    public void afterAll(ExtensionContext context) {
        if (server != null) {
            server.close();
            server = null;
        }
        RestAssured.reset();
    }

    /** The port the server listens on; valid between the class's first and last test. */
    public int port() {
        if (server == null) {
            throw new IllegalStateException("The server is not running: register WispServerExtension on a static field with @RegisterExtension");
        }
        return server.port();
    }

    /** {@code http://127.0.0.1:<port>}, for clients other than REST-assured. */
    public String baseUri() {
        return "http://127.0.0.1:" + port();
    }
}
