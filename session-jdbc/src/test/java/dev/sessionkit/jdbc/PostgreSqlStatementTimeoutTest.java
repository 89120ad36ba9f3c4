package dev.sessionkit.jdbc;

/** Statement timeouts on PostgreSql. */
class PostgreSqlStatementTimeoutTest extends AbstractStatementTimeoutTest {
  @Override
  TestDatabases database() {
    return TestDatabases.POSTGRESQL;
  }
}
