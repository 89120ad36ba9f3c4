package dev.sessionkit.jdbc;

/** Schema upgrades on PostgreSql. */
class PostgreSqlSchemaUpgradeTest extends AbstractSchemaUpgradeTest {
  @Override
  TestDatabases database() {
    return TestDatabases.POSTGRESQL;
  }
}
