package dev.sessionkit.jdbc;

/** The store contract on PostgreSQL ({@code -Pdatabases}; fails when the server is down). */
class PostgreSqlSessionStoreContractTest extends AbstractJdbcContractTest {
  @Override
  TestDatabases database() {
    return TestDatabases.POSTGRESQL;
  }
}
