package dev.wisp.sample;

import dev.wisp.metrics.Metrics;
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
 * Middleware, outermost first: {@link ForwardedHeaders} (so logs and metrics see the client behind
 * a trusted proxy), request metrics by route pattern, then gzip {@link Compression} of text and
 * JSON bodies of 1 KiB or more (event streams are flushed per event).
 */
public final class SampleApp {
    private SampleApp() {
    }

    /** The app; {@code metrics} may be null (no {@code /metrics}, no request metrics). */
    public static App create(TodoStore store, Readiness readiness, Metrics metrics, ForwardedHeaders forwarded) {
        StaticFiles page = StaticFiles.classpath("public", SampleApp.class.getClassLoader())
                .withCacheControl("no-cache"); // revalidate with the ETag: a new release shows at once
        App app = App.create().use(forwarded);
        if (metrics != null) {
            app.use(metrics.requests()).get("/metrics", metrics.endpoint());
        }
        return app.use(Compression.create())
                .get("/", req -> page.handle(req.request()))
                .mount("/assets", StaticFiles.classpath("public/assets", SampleApp.class.getClassLoader())
                        .withCacheControl("no-cache"))
                .get("/ready", readiness::handle)
                .mount("", TodoApp.create(store));
    }
}
