package dev.wisp.sample;

import com.zaxxer.hikari.metrics.micrometer.MicrometerMetricsTrackerFactory;
import dev.wisp.metrics.Metrics;
import dev.wisp.sample.db.JdbcTodoStore;
import dev.wisp.server.Server;
import dev.wisp.server.ServerConfig;
import dev.wisp.server.Tls;
import dev.wisp.server.TlsConfigException;
import dev.wisp.web.middleware.ForwardedHeaders;
import java.io.UncheckedIOException;
import java.util.concurrent.CountDownLatch;
import sun.misc.Signal;

/**
 * Runs the sample app: {@code java -jar wisp-sample-app.jar [options]}, see {@link Options} (also
 * printed by {@code --help}). Bad values and an unreachable or unmigratable database end the
 * process with one line on stderr and a non-zero status (2 for usage, 1 for the rest).
 *
 * <p><b>Start-up.</b> Connect to the database and migrate it (failing fast), then listen. Not the
 * other way round: a proxy without health checks (plain nginx) sends requests to whatever accepts
 * connections, and an instance still migrating could only answer them 503; a refused connection
 * instead is retried on another instance. {@code /ready} still covers the database going away later.
 *
 * <p><b>Stop.</b> On SIGTERM or Ctrl-C: {@code /ready} turns 503 at once; the app keeps serving
 * for {@code --drain-delay} (so load balancers stop sending it traffic); then it stops accepting,
 * lets in-flight requests finish within the server's shutdown grace, closes the store and exits 0.
 */
public final class Main {
    /**
     * Hibernate Validator announces its version at INFO on first use; that line says nothing
     * about this service and would precede every one-line error. Held here: a logger that nobody
     * references may be collected, and its level with it.
     */
    private static final java.util.logging.Logger VALIDATOR_LOG = java.util.logging.Logger.getLogger("org.hibernate.validator");

    private Main() {
    }

    public static void main(String[] args) {
        // One line per log record (the JDK's default format takes two), unless configured otherwise.
        if (System.getProperty("java.util.logging.SimpleFormatter.format") == null) {
            System.setProperty("java.util.logging.SimpleFormatter.format", "%1$tF %1$tT %4$s %3$s %5$s%6$s%n");
        }
        if (System.getProperty("java.util.logging.config.file") == null) {
            VALIDATOR_LOG.setLevel(java.util.logging.Level.WARNING);
        }
        if (Options.wantsHelp(args)) {
            System.out.println(Options.usage());
            System.exit(0);
            return;
        }
        Options options;
        StoreChoice choice;
        ForwardedHeaders forwarded;
        try {
            options = Options.parse(args, System.getenv());
            choice = StoreChoice.parse(options.db(), options.dataDir(), System.getenv("WISP_DB_USER"), System.getenv("WISP_DB_PASSWORD"));
            forwarded = ForwardedHeaders.trusting(options.trustedProxies());
        } catch (IllegalArgumentException e) {
            exit(2, e.getMessage());
            return;
        }
        TodoStore store;
        try {
            store = choice.open();
        } catch (StoreException e) {
            exit(1, e.getMessage());
            return;
        }
        Metrics metrics = Metrics.prometheus();
        if (store instanceof JdbcTodoStore jdbc) {
            jdbc.trackPool(new MicrometerMetricsTrackerFactory(metrics.registry()));
        }
        Readiness readiness = new Readiness(store);
        ApiSettings settings = ApiSettings.defaults().withMaxUploadBytes(options.maxUploadBytes());
        ServerConfig config = settings.applyTo(ServerConfig.defaults()).withHost(options.host()).withPort(options.port()).withTrace(options.trace());
        if (options.tlsCert() != null) {
            config = config.withTls(Tls.pem(options.tlsCert(), options.tlsKey()));
        }
        Server server;
        try {
            server = Server.start(config, SampleApp.create(store, settings, readiness, metrics, forwarded));
        } catch (TlsConfigException e) {
            store.close();
            exit(2, e.getMessage() + " (--tls-cert / --tls-key)");
            return;
        } catch (UncheckedIOException | IllegalArgumentException e) {
            store.close();
            exit(1, e.getMessage());
            return;
        }
        metrics.bind(server);
        String scheme = options.tlsCert() != null ? "https" : "http";
        System.out.println("Wisp sample app listening on " + scheme + "://localhost:" + server.port() + "/ (Ctrl-C to stop), store: " + choice.description());

        // Handle the signals ourselves rather than in a shutdown hook, so a graceful stop ends
        // with exit status 0 instead of the JVM's 128 + signal number.
        CountDownLatch stop = new CountDownLatch(1);
        Signal.handle(new Signal("TERM"), signal -> stop.countDown());
        Signal.handle(new Signal("INT"), signal -> stop.countDown());
        try {
            stop.await();
            readiness.stopping();
            if (!options.drainDelay().isZero()) {
                System.out.println("Wisp sample app draining for " + options.drainDelay().toSeconds() + " s (/ready answers 503)");
                Thread.sleep(options.drainDelay()); // the drain itself: keep serving while balancers notice /ready
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        server.close();
        store.close();
        metrics.close();
        System.out.println("Wisp sample app stopped");
        System.exit(0);
    }

    private static void exit(int status, String message) {
        System.err.println("wisp-sample-app: " + message);
        System.exit(status);
    }
}
