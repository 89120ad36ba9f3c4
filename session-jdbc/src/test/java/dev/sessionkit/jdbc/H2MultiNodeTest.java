package dev.sessionkit.jdbc;

/** Two nodes on one database: embedded H2 (always runs). */
class H2MultiNodeTest extends AbstractJdbcMultiNodeTest {
  @Override
  TestDatabases database() {
    return TestDatabases.H2;
  }
}
