package dev.sessionkit.jdbc;

/** The invalidation source on MariaDb. */
class MariaDbInvalidationSourceTest extends AbstractInvalidationSourceTest {
  @Override
  TestDatabases database() {
    return TestDatabases.MARIADB;
  }
}
