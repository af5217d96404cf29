/**
 * The sample app's database store: {@link dev.wisp.sample.db.JdbcTodoStore} on H2 (embedded, the
 * default) or PostgreSQL, through plain JDBC with a HikariCP pool and Flyway migrations
 * ({@code classpath:db/migration}).
 *
 * <p>Concurrency shape: callers are request virtual threads that block on JDBC; the pool bounds how
 * many run queries at once. Each write is one transaction ending with its outbox event (ids in
 * commit order, see {@code Outbox}); after the commit the store wakes its
 * {@link dev.wisp.sample.EventBus}. On PostgreSQL one platform thread per store listens for other
 * instances' notifications on a dedicated connection ({@code PgEventListener}).
 */
package dev.wisp.sample.db;
