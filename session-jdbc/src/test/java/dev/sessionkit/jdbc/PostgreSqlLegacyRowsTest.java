package dev.sessionkit.jdbc;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import com.zaxxer.hikari.HikariDataSource;
import dev.sessionkit.ErrorCode;
import dev.sessionkit.SessionException;
import dev.sessionkit.SessionId;
import dev.sessionkit.spi.SessionStore;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import org.junit.jupiter.api.Test;

/**
 * PostgreSQL stores no unpaired surrogate and, in a UTF8 database, no invalid UTF-8; a SQL_ASCII
 * database keeps any bytes, and the server then refuses to send them to a UTF-8 client (SQLState
 * 22021) before the driver sees a row. That is INTERNAL_ERROR, not an outage.
 */
class PostgreSqlLegacyRowsTest extends AbstractLegacyRowsTest {
  @Override
  TestDatabases database() {
    return TestDatabases.POSTGRESQL;
  }

  @Test
  void invalidUtf8InASqlAsciiDatabaseIsAnInternalErrorNotStoreUnavailable() throws SQLException {
    String database = "sk_ascii_" + Long.toHexString(System.nanoTime());
    try (Connection c = pool.getConnection(); Statement st = c.createStatement()) {
      st.execute("CREATE DATABASE " + database + " ENCODING 'SQL_ASCII' LC_COLLATE 'C' LC_CTYPE 'C' TEMPLATE template0");
    }
    try {
      try (HikariDataSource ascii = database().newPool("sql-ascii", 1,
          config -> config.setJdbcUrl(database().url().replace("/test", "/" + database)))) {
        SessionStore legacy = JdbcSessionStore.builder().dataSource(ascii).tableName(table).createSchema(true).build();
        try (Connection c = ascii.getConnection(); Statement st = c.createStatement()) {
          st.execute("INSERT INTO " + table + " (" + SessionRows.COLUMNS + ") VALUES ('" + GOOD + "', 'alice',"
              + " '\\x00'::bytea, 0, 0, 4102444800000, 4102444800000, 1, NULL, E'Mozilla\\xff" + CONTENT + "', NULL, NULL,"
              + " 'DESKTOP', NULL, NULL, NULL, NULL, '{}')");
        }

        SessionException e = catchThrowableOfType(SessionException.class, () -> legacy.findById(SessionId.of(GOOD)));

        assertThat(e.code()).isEqualTo(ErrorCode.INTERNAL_ERROR);
        assertThat(e).hasMessageContaining("SQLState 22");
        assertThat(describe(e)).doesNotContain(CONTENT);
        assertThat(legacy.count("alice", NOW)).as("what needs no text still works").isEqualTo(1);
      }
    } finally {
      try (Connection c = pool.getConnection(); Statement st = c.createStatement()) {
        st.execute("DROP DATABASE IF EXISTS " + database);
      }
    }
  }
}
