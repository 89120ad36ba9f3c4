package dev.sessionkit.jdbc;

/** Two near-cached nodes on one PostgreSQL database ({@code -Pdatabases}). */
class PostgreSqlNearCachedMultiNodeTest extends AbstractNearCachedMultiNodeTest {
  @Override
  TestDatabases database() {
    return TestDatabases.POSTGRESQL;
  }
}
