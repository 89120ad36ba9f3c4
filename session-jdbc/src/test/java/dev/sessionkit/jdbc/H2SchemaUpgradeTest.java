package dev.sessionkit.jdbc;

/** Schema upgrades on H2. */
class H2SchemaUpgradeTest extends AbstractSchemaUpgradeTest {
  @Override
  TestDatabases database() {
    return TestDatabases.H2;
  }
}
