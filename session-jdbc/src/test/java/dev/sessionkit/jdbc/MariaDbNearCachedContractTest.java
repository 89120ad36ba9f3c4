package dev.sessionkit.jdbc;

/** The store contract on the near-cache over the JDBC store on MariaDB ({@code -Pdatabases}). */
class MariaDbNearCachedContractTest extends AbstractNearCachedContractTest {
  @Override
  TestDatabases database() {
    return TestDatabases.MARIADB;
  }
}
