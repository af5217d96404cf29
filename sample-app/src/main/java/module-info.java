/** The todo sample service built on Wisp's framework. */
module dev.wisp.sample {
    requires dev.wisp.web;
    requires dev.wisp.validation;
    requires java.sql;
    requires com.zaxxer.hikari;
    requires flyway.core; // no module descriptor or Automatic-Module-Name: named after its file
    requires org.postgresql.jdbc;
    requires dev.wisp.metrics; // /metrics, and HikariCP's Micrometer tracker
    requires java.logging; // quiets a library's start-up banner (Main)
    requires jdk.unsupported; // sun.misc.Signal: SIGTERM and Ctrl-C become a graceful stop

    // Jackson binds the sample's request and response records; Hibernate Validator reads their constraints.
    opens dev.wisp.sample to tools.jackson.databind, org.hibernate.validator;
    // Flyway reads the SQL migrations from the module's resources.
    opens db.migration;
}
