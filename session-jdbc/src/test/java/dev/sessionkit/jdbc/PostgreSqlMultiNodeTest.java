package dev.sessionkit.jdbc;

/** Two nodes on one database: PostgreSQL (-Pdatabases). */
class PostgreSqlMultiNodeTest extends AbstractMultiNodeTest {
  @Override
  TestDatabases database() {
    return TestDatabases.POSTGRESQL;
  }
}
