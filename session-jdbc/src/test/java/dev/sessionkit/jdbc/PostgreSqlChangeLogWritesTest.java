package dev.sessionkit.jdbc;

/** The change log's writes and trims on PostgreSql. */
class PostgreSqlChangeLogWritesTest extends AbstractChangeLogWritesTest {
  @Override
  TestDatabases database() {
    return TestDatabases.POSTGRESQL;
  }
}
