package dev.sessionkit.jdbc;

/** The cap at every isolation level on H2. */
class H2CapIsolationTest extends AbstractCapIsolationTest {
  @Override
  TestDatabases database() {
    return TestDatabases.H2;
  }
}
