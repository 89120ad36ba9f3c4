package dev.sessionkit.jdbc;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.zaxxer.hikari.HikariDataSource;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * {@code build()} refuses tables whose identifying columns (id, subject, the hash, the lock table's
 * subject) do not compare exactly: with a case-insensitive, padding or nondeterministic collation, the
 * sessions of "alice" were listed, counted, revoked and capped through "ALICE". A leaf per database
 * says how an operator's hand-made table could loosen a column.
 */
abstract class AbstractExactColumnsTest {
  final String table = TestDatabases.newTableName();
  HikariDataSource pool;

  abstract TestDatabases database();

  /** Gives {@code column} of {@code tableName} a loose collation; returns the collation's name. */
  abstract String loosen(Statement st, String tableName, String column) throws SQLException;

  /** Whether the dialect has a lock table (PostgreSQL locks with advisory locks). */
  boolean hasLockTable() {
    return true;
  }

  @BeforeEach
  void openPool() {
    pool = database().newPool("exact-columns", 2);
  }

  @AfterEach
  void dropAndClose() {
    try {
      JdbcSessionStore.dropSchema(pool, database().dialect, table);
    } finally {
      pool.close();
    }
  }

  JdbcSessionStore.Builder builder() {
    return JdbcSessionStore.builder().dataSource(pool).tableName(table);
  }

  @Test
  void tablesOfTheShippedScriptPass() {
    builder().createSchema(true).build();
    builder().build();
    builder().dialect(database().dialect).build();
  }

  @Test
  void everyIdentifyingColumnWithALooseCollationIsRefusedByName() throws SQLException {
    List<String[]> columns = new ArrayList<>(List.of(new String[] {table, "id"}, new String[] {table, "subject"}));
    if (hasLockTable()) {
      columns.add(new String[] {table + "_lock", "subject"});
    }
    for (String[] column : columns) {
      builder().createSchema(true).build();
      String collation;
      try (Connection c = pool.getConnection(); Statement st = c.createStatement()) {
        collation = loosen(st, column[0], column[1]);
      }

      for (boolean createSchema : new boolean[] {false, true}) {
        assertThatThrownBy(() -> builder().createSchema(createSchema).build())
            .as("%s.%s, createSchema(%s)", column[0], column[1], createSchema)
            .isInstanceOf(IllegalStateException.class)
            .hasMessageContaining("column " + column[1] + " of table " + column[0] + " ")
            .hasMessageContaining(collation)
            .hasMessageContaining("Fix: ");
      }
      JdbcSessionStore.dropSchema(pool, database().dialect, table);
    }
  }

  @Test
  void missingTablesAreRefused() {
    assertThatThrownBy(() -> builder().dialect(database().dialect).build())
        .isInstanceOf(IllegalStateException.class)
        .hasMessageContaining("table " + table + " has no column id")
        .hasMessageContaining("createSchema(true)");
  }
}
