package dev.sessionkit.jdbc;

/** The store contract on the near-cache over the JDBC store on H2. */
class H2NearCachedContractTest extends AbstractNearCachedContractTest {
  @Override
  TestDatabases database() {
    return TestDatabases.H2;
  }
}
