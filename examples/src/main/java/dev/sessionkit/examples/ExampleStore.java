package dev.sessionkit.examples;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import dev.sessionkit.jdbc.JdbcSessionStore;
import dev.sessionkit.spi.SessionStore;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * The store the example runs on: the JDBC store on an embedded H2 file database by default (sessions
 * survive a restart), or on the database a JDBC URL names (PostgreSQL in production), always behind a
 * HikariCP pool. The schema is created on first start.
 */
record ExampleStore(SessionStore store, String description, HikariDataSource pool) implements AutoCloseable {

  static ExampleStore open(ServerConfig config) {
    HikariConfig pool = new HikariConfig();
    pool.setPoolName("sessionkit-example");
    pool.setMaximumPoolSize(10);
    pool.setConnectionTimeout(5_000);
    String description;
    if (config.jdbcUrl().isPresent()) {
      pool.setJdbcUrl(config.jdbcUrl().get());
      pool.setUsername(config.jdbcUser());
      pool.setPassword(config.jdbcPassword());
      description = "JDBC store on " + config.jdbcUrl().get().replaceAll("password=[^&;]*", "password=***");
    } else {
      Path file = config.dataDir().toAbsolutePath().resolve("sessions");
      try {
        Files.createDirectories(config.dataDir());
      } catch (IOException e) {
        throw new UncheckedIOException("cannot create the data directory " + config.dataDir(), e);
      }
      pool.setJdbcUrl("jdbc:h2:file:" + file + ";DB_CLOSE_ON_EXIT=FALSE");
      description = "JDBC store on the embedded H2 file " + file + ".mv.db";
    }
    HikariDataSource dataSource = new HikariDataSource(pool);
    try {
      // The pool is made for the store alone: closing the store closes it.
      SessionStore store =
          JdbcSessionStore.builder().dataSource(dataSource).closeDataSource(true).createSchema(true).build();
      return new ExampleStore(store, description, dataSource);
    } catch (RuntimeException e) {
      dataSource.close();
      throw e;
    }
  }

  @Override
  public void close() {
    store.close();
  }
}
