package dev.sessionkit.jdbc;

/** The invalidation source on H2. */
class H2InvalidationSourceTest extends AbstractInvalidationSourceTest {
  @Override
  TestDatabases database() {
    return TestDatabases.H2;
  }
}
