package dev.wisp.sample;

import dev.wisp.metrics.Metrics;
import dev.wisp.metrics.PrometheusEndpoint;
import dev.wisp.server.Handler;
import dev.wisp.web.App;
import dev.wisp.web.middleware.Compression;
import dev.wisp.web.middleware.ForwardedHeaders;
import dev.wisp.web.middleware.StaticFiles;

/**
 * The whole sample app as served by {@link Main}: the todo API and routes of {@link TodoApp},
 * mounted under the operations and the page.
 * <ul>
 *   <li>{@code GET /}: the todo page, {@code /assets/*} its CSS and JavaScript modules, from the
 *       class path ({@code public/}), with ETags ({@link StaticFiles});</li>
 *   <li>{@code GET /ready}: {@link Readiness}; {@code GET /metrics}: the Prometheus text;</li>
 *   <li>everything else: {@link TodoApp}.</li>
 * </ul>
 * Middleware, outermost first: {@code Connection: close} while draining
 * ({@link Readiness#closeConnectionsWhileStopping()}), {@link ForwardedHeaders} (so logs and metrics see the client behind
 * a trusted proxy), then request metrics by route pattern. The page, its assets and
 * {@code /metrics} are gzip-compressed ({@link Compression}); the todo app compresses its own.
 */
public final class SampleApp {
    private SampleApp() {
    }

    /** The app; {@code metrics} may be null (no {@code /metrics}, no request metrics). */
    public static App create(TodoStore store, Readiness readiness, Metrics metrics, ForwardedHeaders forwarded) {
        return create(store, ApiSettings.defaults(), readiness, metrics, forwarded);
    }

    /** The app with these API settings (attachment limit, event stream); see {@link TodoApp#create(TodoStore, ApiSettings)}. */
    public static App create(TodoStore store, ApiSettings settings, Readiness readiness, Metrics metrics, ForwardedHeaders forwarded) {
        ClassLoader loader = SampleApp.class.getClassLoader();
        // Compression wraps only the handlers mounted here: the todo app compresses its own answers.
        Compression gzip = Compression.create();
        // no-cache: revalidate with the ETag every time, so a new release shows at once.
        Handler page = gzip.wrap(StaticFiles.classpath("public", loader).withCacheControl("no-cache"));
        Handler assets = gzip.wrap(StaticFiles.classpath("public/assets", loader).withCacheControl("no-cache"));
        App app = App.create().use(readiness.closeConnectionsWhileStopping()).use(forwarded);
        if (metrics != null) {
            Handler scrape = gzip.wrap(new PrometheusEndpoint(metrics.registry()));
            app.use(metrics.requests()).get("/metrics", req -> scrape.handle(req.request()));
        }
        return app.get("/", req -> page.handle(req.request()))
                .mount("/assets", assets)
                .get("/ready", readiness::handle)
                .mount("", TodoApp.create(store, settings));
    }
}
