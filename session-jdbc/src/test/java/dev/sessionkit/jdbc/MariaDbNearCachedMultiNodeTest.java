package dev.sessionkit.jdbc;

/** Two near-cached nodes on one MariaDB database ({@code -Pdatabases}). */
class MariaDbNearCachedMultiNodeTest extends AbstractNearCachedMultiNodeTest {
  @Override
  TestDatabases database() {
    return TestDatabases.MARIADB;
  }
}
