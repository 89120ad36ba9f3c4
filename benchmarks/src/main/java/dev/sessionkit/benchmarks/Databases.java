package dev.sessionkit.benchmarks;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.UUID;
import java.util.function.UnaryOperator;
import javax.sql.DataSource;

/** The databases the JDBC variants run on; every variant of one engine gets the same pool setup. */
final class Databases {
  private Databases() {}

  /**
   * A fresh in-memory H2 database behind a small Hikari pool (two benchmark threads plus slack).
   *
   * @return the pool; {@link #close(HikariDataSource)} frees the database
   */
  static HikariDataSource h2() {
    HikariConfig config = new HikariConfig();
    // A new name per state: no benchmark sees another's rows.
    config.setJdbcUrl("jdbc:h2:mem:bench-" + UUID.randomUUID() + ";DB_CLOSE_DELAY=-1");
    config.setMaximumPoolSize(4);
    config.setPoolName("bench-h2");
    return new HikariDataSource(config);
  }

  /**
   * PostgreSQL on 127.0.0.1:5432, database {@code test}, trust authentication (the CI machine's setup);
   * like session-jdbc's tests, property {@code sessionkit.postgres.url} or {@code
   * SESSIONKIT_POSTGRES_URL} points elsewhere.
   *
   * @return the pool
   */
  static HikariDataSource postgres() {
    String url = System.getProperty("sessionkit.postgres.url");
    if (url == null || url.isBlank()) {
      url = System.getenv("SESSIONKIT_POSTGRES_URL");
    }
    HikariConfig config = new HikariConfig();
    config.setJdbcUrl(
        url == null || url.isBlank() ? "jdbc:postgresql://127.0.0.1:5432/test?user=postgres" : url);
    config.setMaximumPoolSize(4);
    config.setPoolName("bench-postgres");
    return new HikariDataSource(config);
  }

  /**
   * MariaDB on 127.0.0.1:3306, database {@code test}, user root without a password (the CI machine's
   * setup); property {@code sessionkit.mariadb.url} or {@code SESSIONKIT_MARIADB_URL} points elsewhere.
   *
   * @return the pool
   */
  static HikariDataSource mariadb() {
    String url = System.getProperty("sessionkit.mariadb.url");
    if (url == null || url.isBlank()) {
      url = System.getenv("SESSIONKIT_MARIADB_URL");
    }
    HikariConfig config = new HikariConfig();
    config.setJdbcUrl(url == null || url.isBlank() ? "jdbc:mariadb://127.0.0.1:3306/test?user=root" : url);
    config.setMaximumPoolSize(4);
    config.setPoolName("bench-mariadb");
    return new HikariDataSource(config);
  }

  /** A table name no other run uses, so runs can share one database and drop only their own. */
  static String randomTableName(String prefix) {
    return prefix + UUID.randomUUID().toString().replace("-", "").substring(0, 12);
  }

  /** Closes the pool; an in-memory H2 database is shut down first, or it would outlive the pool. */
  static void close(HikariDataSource dataSource) {
    if (dataSource.getJdbcUrl().startsWith("jdbc:h2:mem:")) {
      try (Connection c = dataSource.getConnection();
          Statement s = c.createStatement()) {
        s.execute("SHUTDOWN");
      } catch (SQLException e) {
        // Expected: the connection dies with the database it just shut down.
      }
    }
    dataSource.close();
  }

  static void execute(DataSource dataSource, String sql) {
    try (Connection c = dataSource.getConnection();
        Statement s = c.createStatement()) {
      s.execute(sql);
    } catch (SQLException e) {
      throw new IllegalStateException("failed: " + sql, e);
    }
  }

  /** Runs a script from the class path, statement by statement. */
  static void runScript(DataSource dataSource, String resource) {
    runScript(dataSource, resource, UnaryOperator.identity());
  }

  /** Runs a script from the class path, edited by {@code edit} first, statement by statement. */
  static void runScript(DataSource dataSource, String resource, UnaryOperator<String> edit) {
    String script;
    try (InputStream in = Databases.class.getClassLoader().getResourceAsStream(resource)) {
      if (in == null) {
        throw new IllegalStateException("missing " + resource);
      }
      script = new String(in.readAllBytes(), StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    for (String statement : edit.apply(script).split(";")) {
      if (!statement.isBlank()) {
        execute(dataSource, statement);
      }
    }
  }
}
