package dev.sessionkit.jdbc;

/** The cap at every isolation level on PostgreSql. */
class PostgreSqlCapIsolationTest extends AbstractCapIsolationTest {
  @Override
  TestDatabases database() {
    return TestDatabases.POSTGRESQL;
  }
}
