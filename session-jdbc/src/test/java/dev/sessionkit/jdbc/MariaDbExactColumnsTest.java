package dev.sessionkit.jdbc;

import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import org.junit.jupiter.api.Test;

/**
 * MariaDB: tables created or altered by hand with the server's default collation
 * (utf8mb4_general_ci, case-insensitive), or with a PAD SPACE binary one (utf8mb4_bin: 'alice' =
 * 'alice '), or a subject of type CHAR (trailing spaces dropped on the way in).
 */
class MariaDbExactColumnsTest extends AbstractExactColumnsTest {
  @Override
  TestDatabases database() {
    return TestDatabases.MARIADB;
  }

  @Override
  String loosen(Statement st, String tableName, String column) throws SQLException {
    String type = column.equals("id") ? "CHAR(22) CHARACTER SET ascii COLLATE ascii_general_ci"
        : "VARCHAR(255) CHARACTER SET utf8mb4 COLLATE utf8mb4_general_ci";
    st.execute("ALTER TABLE " + tableName + " MODIFY " + column + " " + type + " NOT NULL");
    return column.equals("id") ? "ascii_general_ci" : "utf8mb4_general_ci";
  }

  @Test
  void aPadSpaceBinaryCollationIsRefused() throws SQLException {
    builder().createSchema(true).build();
    try (Connection c = pool.getConnection(); Statement st = c.createStatement()) {
      st.execute("ALTER TABLE " + table + " MODIFY subject VARCHAR(255) CHARACTER SET utf8mb4 COLLATE utf8mb4_bin NOT NULL");
    }
    assertThatThrownBy(() -> builder().build())
        .isInstanceOf(IllegalStateException.class)
        .hasMessageContaining("column subject of table " + table + " has the collation utf8mb4_bin, which pads")
        .hasMessageContaining("utf8mb4_nopad_bin");
  }

  @Test
  void aCharSubjectIsRefused() throws SQLException {
    builder().createSchema(true).build();
    try (Connection c = pool.getConnection(); Statement st = c.createStatement()) {
      st.execute("ALTER TABLE " + table + "_lock MODIFY subject CHAR(255) CHARACTER SET utf8mb4 COLLATE utf8mb4_nopad_bin NOT NULL");
    }
    assertThatThrownBy(() -> builder().build())
        .isInstanceOf(IllegalStateException.class)
        .hasMessageContaining("column subject of table " + table + "_lock is char, which drops trailing spaces");
  }
}
