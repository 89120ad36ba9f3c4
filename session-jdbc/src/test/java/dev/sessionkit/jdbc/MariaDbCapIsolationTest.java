package dev.sessionkit.jdbc;

/** The cap at every isolation level on MariaDb. */
class MariaDbCapIsolationTest extends AbstractCapIsolationTest {
  @Override
  TestDatabases database() {
    return TestDatabases.MARIADB;
  }
}
