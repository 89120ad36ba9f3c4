package dev.sessionkit.jdbc;

/** The store contract on MariaDB ({@code -Pdatabases}; fails when the server is down). */
class MariaDbSessionStoreContractTest extends AbstractJdbcContractTest {
  @Override
  TestDatabases database() {
    return TestDatabases.MARIADB;
  }
}
