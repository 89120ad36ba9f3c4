package dev.sessionkit.jdbc;

/** The store contract on the near-cache over the JDBC store on PostgreSQL ({@code -Pdatabases}). */
class PostgreSqlNearCachedContractTest extends AbstractNearCachedContractTest {
  @Override
  TestDatabases database() {
    return TestDatabases.POSTGRESQL;
  }
}
