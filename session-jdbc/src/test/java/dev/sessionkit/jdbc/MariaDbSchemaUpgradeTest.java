package dev.sessionkit.jdbc;

import static org.assertj.core.api.Assertions.assertThat;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Schema upgrades on MariaDB, where version 2 matters: the version-1 tables were PAD SPACE, and the
 * upgraded ones must have exactly the collations of new ones, NO PAD on every text column.
 */
class MariaDbSchemaUpgradeTest extends AbstractSchemaUpgradeTest {
  @Override
  TestDatabases database() {
    return TestDatabases.MARIADB;
  }

  @Override
  void checkUpgradedTablesMatchNewOnes() throws SQLException {
    String fresh = TestDatabases.newTableName();
    JdbcSessionStore.builder().dataSource(pool()).tableName(fresh).createSchema(true).build();
    try {
      for (String suffix : new String[] {"", "_lock"}) {
        Map<String, String> upgraded = collations(table() + suffix);
        assertThat(upgraded).as("text columns of %s", suffix).isNotEmpty()
            .allSatisfy((column, collation) -> assertThat(collation).as(column).contains("nopad_bin"));
        assertThat(upgraded).isEqualTo(collations(fresh + suffix));
      }
    } finally {
      JdbcSessionStore.dropSchema(pool(), database().dialect, fresh);
    }
  }

  private Map<String, String> collations(String tableName) throws SQLException {
    Map<String, String> columns = new LinkedHashMap<>();
    try (Connection c = pool().getConnection();
        PreparedStatement ps = c.prepareStatement("SELECT column_name, collation_name FROM information_schema.columns"
            + " WHERE table_schema = DATABASE() AND table_name = ? AND collation_name IS NOT NULL ORDER BY ordinal_position")) {
      ps.setString(1, tableName);
      try (ResultSet rs = ps.executeQuery()) {
        while (rs.next()) {
          columns.put(rs.getString(1), rs.getString(2));
        }
      }
    }
    return columns;
  }
}
