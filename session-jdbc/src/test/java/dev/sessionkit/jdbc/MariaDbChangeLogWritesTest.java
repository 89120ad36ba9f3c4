package dev.sessionkit.jdbc;

/** The change log's writes and trims on MariaDb. */
class MariaDbChangeLogWritesTest extends AbstractChangeLogWritesTest {
  @Override
  TestDatabases database() {
    return TestDatabases.MARIADB;
  }
}
