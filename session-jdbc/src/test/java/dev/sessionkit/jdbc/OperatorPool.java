package dev.sessionkit.jdbc;

import com.zaxxer.hikari.HikariDataSource;
import java.time.Duration;

/**
 * A HikariCP pool set up the way the module README ("Time limits and what to set beside them") tells
 * operators to, so that the fault and restart tests measure what a production pool does: a short
 * connection timeout and validation timeout, keep-alive, and the driver's connect timeout and TCP
 * keep-alive in the URL; on PostgreSQL also the cancel signal timeout.
 *
 * <p>The driver's socket timeout is left to the store, as the README allows: set, it would end a read
 * on a silent network by itself, and the tests would not notice the store's own network timeout
 * missing.
 */
final class OperatorPool {
  static final int SIZE = 4;
  static final Duration CONNECTION_TIMEOUT = Duration.ofSeconds(1);
  static final Duration VALIDATION_TIMEOUT = Duration.ofMillis(500);
  static final Duration KEEPALIVE_TIME = Duration.ofMinutes(2);
  static final Duration DRIVER_CONNECT_TIMEOUT = Duration.ofSeconds(2);
  /**
   * pgjdbc sends a statement's cancel over a new connection when its query timeout fires, and the
   * statement's thread waits for that cancel to finish even when its own read has already failed.
   * With no network the cancel waits this long (the driver's default is 10 s).
   */
  static final Duration PG_CANCEL_SIGNAL_TIMEOUT = Duration.ofSeconds(1);

  private OperatorPool() {}

  /**
   * Opens the pool; Hikari fails at once when the server does not answer (these tests never skip).
   *
   * @param database which database the URL points to
   * @param name the pool's name
   * @param url the server's URL, or a proxy's in front of it
   */
  static HikariDataSource open(TestDatabases database, String name, String url) {
    String[] driverSettings = database == TestDatabases.POSTGRESQL
        ? new String[] { // pgjdbc counts in seconds
          "connectTimeout=" + DRIVER_CONNECT_TIMEOUT.toSeconds(), "tcpKeepAlive=true",
          "cancelSignalTimeout=" + PG_CANCEL_SIGNAL_TIMEOUT.toSeconds()}
        : new String[] { // MariaDB Connector/J counts in milliseconds
          "connectTimeout=" + DRIVER_CONNECT_TIMEOUT.toMillis(), "tcpKeepAlive=true"};
    String configured = url;
    for (String setting : driverSettings) {
      configured = database.withParameter(configured, setting);
    }
    String withDriverSettings = configured;
    return database.newPool(name, SIZE, config -> {
      config.setJdbcUrl(withDriverSettings);
      config.setConnectionTimeout(CONNECTION_TIMEOUT.toMillis());
      config.setValidationTimeout(VALIDATION_TIMEOUT.toMillis());
      config.setKeepaliveTime(KEEPALIVE_TIME.toMillis());
    });
  }

  /**
   * The longest one store call may take on this pool when the database is gone or silent: waiting for
   * a connection (the connection timeout; Hikari may start validating an idle connection just before
   * that runs out, which takes up to the validation timeout), then one statement: the statement
   * timeout, then the store's network grace when nothing answers at all, or on PostgreSQL the cancel
   * signal timeout if that is longer (the statement waits for its cancel).
   */
  static Duration longestFailingCall(TestDatabases database, Duration statementTimeout) {
    Duration afterTimeout = database == TestDatabases.POSTGRESQL && PG_CANCEL_SIGNAL_TIMEOUT.compareTo(JdbcStore.NETWORK_GRACE) > 0
        ? PG_CANCEL_SIGNAL_TIMEOUT
        : JdbcStore.NETWORK_GRACE;
    return CONNECTION_TIMEOUT.plus(VALIDATION_TIMEOUT).plus(statementTimeout).plus(afterTimeout);
  }
}
