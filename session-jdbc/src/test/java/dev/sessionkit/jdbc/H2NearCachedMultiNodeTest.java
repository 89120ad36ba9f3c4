package dev.sessionkit.jdbc;

/** Two near-cached nodes on one H2 database. */
class H2NearCachedMultiNodeTest extends AbstractNearCachedMultiNodeTest {
  @Override
  TestDatabases database() {
    return TestDatabases.H2;
  }
}
