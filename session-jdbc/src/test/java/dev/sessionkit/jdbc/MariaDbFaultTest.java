package dev.sessionkit.jdbc;

/** The store on MariaDB when the network to it is cut, stalled, or loses the answers. */
class MariaDbFaultTest extends AbstractFaultTest {
  @Override
  TestDatabases database() {
    return TestDatabases.MARIADB;
  }
}
