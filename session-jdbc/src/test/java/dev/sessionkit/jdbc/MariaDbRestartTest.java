package dev.sessionkit.jdbc;

/** The store while the local MariaDB server is stopped and started again (mvn -Prestart). */
class MariaDbRestartTest extends AbstractRestartTest {
  @Override
  TestDatabases database() {
    return TestDatabases.MARIADB;
  }

  @Override
  String serverName() {
    return "mariadb";
  }
}
