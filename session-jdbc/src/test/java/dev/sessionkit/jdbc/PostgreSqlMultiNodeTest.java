package dev.sessionkit.jdbc;

/** Two nodes on one database: PostgreSQL (-Pdatabases). */
class PostgreSqlMultiNodeTest extends AbstractJdbcMultiNodeTest {
  @Override
  TestDatabases database() {
    return TestDatabases.POSTGRESQL;
  }
}
