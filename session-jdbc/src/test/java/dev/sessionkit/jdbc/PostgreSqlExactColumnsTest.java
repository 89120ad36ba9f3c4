package dev.sessionkit.jdbc;

import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import org.junit.jupiter.api.Test;

/**
 * PostgreSQL: a column given a nondeterministic ICU collation (case-insensitive, 'und-u-ks-level2'),
 * which the test server supports (PostgreSQL 12+ built with ICU); and a subject of type CHAR, which
 * compares without trailing spaces.
 */
class PostgreSqlExactColumnsTest extends AbstractExactColumnsTest {
  static final String COLLATION = "sk_test_case_insensitive";

  @Override
  TestDatabases database() {
    return TestDatabases.POSTGRESQL;
  }

  @Override
  boolean hasLockTable() {
    return false;
  }

  @Override
  String loosen(Statement st, String tableName, String column) throws SQLException {
    st.execute("CREATE COLLATION IF NOT EXISTS " + COLLATION
        + " (provider = icu, locale = 'und-u-ks-level2', deterministic = false)");
    st.execute("ALTER TABLE " + tableName + " ALTER COLUMN " + column + " TYPE VARCHAR(255) COLLATE " + COLLATION);
    return "nondeterministic collation \"" + COLLATION + "\"";
  }

  @Test
  void aCharSubjectIsRefused() throws SQLException {
    builder().createSchema(true).build();
    try (Connection c = pool.getConnection(); Statement st = c.createStatement()) {
      st.execute("ALTER TABLE " + table + " ALTER COLUMN subject TYPE CHAR(255)");
    }
    assertThatThrownBy(() -> builder().build())
        .isInstanceOf(IllegalStateException.class)
        .hasMessageContaining("column subject of table " + table + " is character, which ignores trailing spaces")
        .hasMessageContaining("COLLATE \"C\"");
  }
}
