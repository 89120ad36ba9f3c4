package dev.sessionkit.jdbc;

/** The store contract on embedded, in-memory H2: runs in every build. */
class H2SessionStoreContractTest extends AbstractJdbcContractTest {
  @Override
  TestDatabases database() {
    return TestDatabases.H2;
  }
}
