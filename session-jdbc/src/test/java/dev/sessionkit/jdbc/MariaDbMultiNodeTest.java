package dev.sessionkit.jdbc;

/** Two nodes on one database: MariaDB (-Pdatabases). */
class MariaDbMultiNodeTest extends AbstractJdbcMultiNodeTest {
  @Override
  TestDatabases database() {
    return TestDatabases.MARIADB;
  }
}
