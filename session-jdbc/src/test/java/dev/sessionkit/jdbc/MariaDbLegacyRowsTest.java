package dev.sessionkit.jdbc;

class MariaDbLegacyRowsTest extends AbstractLegacyRowsTest {
  @Override
  TestDatabases database() {
    return TestDatabases.MARIADB;
  }
}
