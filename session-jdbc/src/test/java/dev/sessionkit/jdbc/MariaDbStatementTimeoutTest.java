package dev.sessionkit.jdbc;

/** Statement timeouts on MariaDb. */
class MariaDbStatementTimeoutTest extends AbstractStatementTimeoutTest {
  @Override
  TestDatabases database() {
    return TestDatabases.MARIADB;
  }
}
