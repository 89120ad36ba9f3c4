package dev.sessionkit.jdbc;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import java.net.InetSocketAddress;
import java.util.Locale;
import java.util.concurrent.ThreadLocalRandom;
import java.util.function.Consumer;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import javax.sql.DataSource;

/**
 * The databases the tests run on. URLs come from a system property or an environment variable
 * (property {@code sessionkit.postgres.url} or {@code SESSIONKIT_POSTGRES_URL}, likewise MARIADB and
 * H2) and default to the local servers that {@code .ci/start-databases} starts.
 */
enum TestDatabases {
  H2(JdbcDialect.H2, "jdbc:h2:mem:sessionkit;DB_CLOSE_DELAY=-1;LOCK_TIMEOUT=10000", 0),
  POSTGRESQL(JdbcDialect.POSTGRESQL, "jdbc:postgresql://127.0.0.1:5432/test?user=postgres", 5432),
  MARIADB(JdbcDialect.MARIADB, "jdbc:mariadb://127.0.0.1:3306/test?user=root", 3306);

  /** A single-host server URL: prefix, host, optional port, and the rest (database, parameters). */
  private static final Pattern SERVER_URL = Pattern.compile("(jdbc:[a-z]+://)([^/:?,]+)(?::(\\d+))?([/?].*)?");

  final JdbcDialect dialect;
  private final String defaultUrl;
  private final int defaultPort;
  private HikariDataSource shared;

  TestDatabases(JdbcDialect dialect, String defaultUrl, int defaultPort) {
    this.dialect = dialect;
    this.defaultUrl = defaultUrl;
    this.defaultPort = defaultPort;
  }

  String url() {
    String key = name().equals("POSTGRESQL") ? "postgres" : name().toLowerCase(Locale.ROOT);
    String url = System.getProperty("sessionkit." + key + ".url");
    if (url == null || url.isBlank()) {
      url = System.getenv("SESSIONKIT_" + key.toUpperCase(Locale.ROOT) + "_URL");
    }
    return url == null || url.isBlank() ? defaultUrl : url;
  }

  /**
   * A new pool: one per "node" in the multi-node tests. Hikari fails at once when the server is not
   * there, which fails the test (these tests never skip).
   */
  HikariDataSource newPool(String name, int size) {
    return newPool(name, size, config -> {});
  }

  /** A new pool, configured further by {@code tweak} (isolation level, URL parameters, timeouts). */
  HikariDataSource newPool(String name, int size, Consumer<HikariConfig> tweak) {
    HikariConfig config = new HikariConfig();
    config.setJdbcUrl(url());
    config.setPoolName(name);
    config.setMaximumPoolSize(size);
    config.setConnectionTimeout(10_000);
    tweak.accept(config);
    return new HikariDataSource(config);
  }

  /** Where the server listens, from its URL (PostgreSQL and MariaDB: a single host). */
  InetSocketAddress address() {
    Matcher url = serverUrl();
    return InetSocketAddress.createUnresolved(
        url.group(2), url.group(3) == null ? defaultPort : Integer.parseInt(url.group(3)));
  }

  /** The URL with another host and port (a proxy's, say) and everything else kept. */
  String urlAt(String host, int port) {
    Matcher url = serverUrl();
    return url.group(1) + host + ":" + port + (url.group(4) == null ? "" : url.group(4));
  }

  private Matcher serverUrl() {
    Matcher url = SERVER_URL.matcher(url());
    if (this == H2 || !url.matches()) {
      throw new IllegalStateException("not a single-host server URL: " + url());
    }
    return url;
  }

  /** The URL with one more parameter, in the syntax of this database's URLs. */
  String urlWith(String parameter) {
    return withParameter(url(), parameter);
  }

  /** Any URL of this database with one more parameter. */
  String withParameter(String url, String parameter) {
    if (this == H2) {
      return url + ";" + parameter;
    }
    return url + (url.contains("?") ? "&" : "?") + parameter;
  }

  /** The pool the contract tests share, closed when the JVM exits. */
  synchronized DataSource shared() {
    if (shared == null) {
      shared = newPool("sessionkit-" + name().toLowerCase(Locale.ROOT), 8);
      HikariDataSource pool = shared;
      Runtime.getRuntime().addShutdownHook(new Thread(pool::close));
    }
    return shared;
  }

  /** A fresh table name per test, so tests and parallel builds never share rows. */
  static String newTableName() {
    return "sk_test_" + Long.toHexString(ThreadLocalRandom.current().nextLong() & Long.MAX_VALUE);
  }
}
