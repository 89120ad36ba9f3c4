package dev.sessionkit.jdbc;

/** The store while the local PostgreSQL server is stopped and started again (mvn -Prestart). */
class PostgreSqlRestartTest extends AbstractRestartTest {
  @Override
  TestDatabases database() {
    return TestDatabases.POSTGRESQL;
  }

  @Override
  String serverName() {
    return "postgresql";
  }
}
