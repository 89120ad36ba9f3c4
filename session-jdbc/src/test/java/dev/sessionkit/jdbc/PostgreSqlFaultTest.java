package dev.sessionkit.jdbc;

/** The store on PostgreSQL when the network to it is cut, stalled, or loses the answers. */
class PostgreSqlFaultTest extends AbstractFaultTest {
  @Override
  TestDatabases database() {
    return TestDatabases.POSTGRESQL;
  }
}
