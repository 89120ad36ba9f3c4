package dev.sessionkit.jdbc;

import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * H2: a column altered to VARCHAR_IGNORECASE, a database opened with IGNORECASE=TRUE (every VARCHAR it
 * creates ignores case), and a database with a COLLATION of PRIMARY or SECONDARY strength.
 */
class H2ExactColumnsTest extends AbstractExactColumnsTest {
  @Override
  TestDatabases database() {
    return TestDatabases.H2;
  }

  @Override
  String loosen(Statement st, String tableName, String column) throws SQLException {
    st.execute("ALTER TABLE " + tableName + " ALTER COLUMN " + column + " SET DATA TYPE VARCHAR_IGNORECASE(255)");
    return "VARCHAR_IGNORECASE";
  }

  @ParameterizedTest
  @ValueSource(strings = {"IGNORECASE=TRUE", "IGNORECASE=TRUE;MODE=PostgreSQL;DATABASE_TO_LOWER=TRUE"})
  void aDatabaseOpenedToIgnoreCaseIsRefused(String settings) {
    try (HikariDataSource ignoreCase = pool("jdbc:h2:mem:" + table + "_ic;" + settings)) {
      assertThatThrownBy(() -> JdbcSessionStore.builder().dataSource(ignoreCase).tableName(table).createSchema(true).build())
          .isInstanceOf(IllegalStateException.class)
          .hasMessageContaining("column id of table " + table + " is VARCHAR_IGNORECASE")
          .hasMessageContaining("IGNORECASE=TRUE");
    }
  }

  @Test
  void aDatabaseThatFoldsNamesToLowerCaseIsFine() {
    try (HikariDataSource lower = pool("jdbc:h2:mem:" + table + "_lower;MODE=PostgreSQL;DATABASE_TO_LOWER=TRUE")) {
      JdbcSessionStore.builder().dataSource(lower).tableName(table).createSchema(true).build();
    }
  }

  @ParameterizedTest
  @ValueSource(strings = {"ENGLISH STRENGTH PRIMARY", "ENGLISH STRENGTH SECONDARY", "GERMAN"})
  void aDatabaseWithACollationIsRefused(String collation) throws SQLException {
    try (HikariDataSource collated = pool("jdbc:h2:mem:" + table + "_coll")) {
      try (Connection c = collated.getConnection(); Statement st = c.createStatement()) {
        st.execute("SET COLLATION " + collation); // only possible before the first table
      }
      assertThatThrownBy(() -> JdbcSessionStore.builder().dataSource(collated).tableName(table).createSchema(true).build())
          .isInstanceOf(IllegalStateException.class)
          .hasMessageContaining("column id of table " + table + " compares by the database's collation " + collation)
          .hasMessageContaining("SET COLLATION");
    }
  }

  private static HikariDataSource pool(String url) {
    HikariConfig config = new HikariConfig();
    config.setJdbcUrl(url);
    config.setMaximumPoolSize(1);
    return new HikariDataSource(config);
  }
}
