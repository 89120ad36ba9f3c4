package dev.sessionkit.jdbc;

/** The change log's writes and trims on H2. */
class H2ChangeLogWritesTest extends AbstractChangeLogWritesTest {
  @Override
  TestDatabases database() {
    return TestDatabases.H2;
  }
}
