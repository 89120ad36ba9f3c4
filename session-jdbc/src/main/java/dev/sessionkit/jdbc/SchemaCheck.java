package dev.sessionkit.jdbc;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * What {@link JdbcSessionStore.Builder#build()} checks of the tables before it hands out a store: the
 * columns that tell subjects and sessions apart compare exactly. The shipped scripts make them so, but
 * the database decides: H2 opened with {@code IGNORECASE=TRUE} creates every VARCHAR column as
 * {@code VARCHAR_IGNORECASE}, an H2 database with a {@code COLLATION} compares all its text with it,
 * tables created by hand on MariaDB take the server's default ({@code utf8mb4_general_ci}, or a PAD
 * SPACE {@code _bin} one), and PostgreSQL columns can carry a nondeterministic (ICU) collation. Then the
 * sessions of {@code alice} are listed, counted, revoked and capped through {@code ALICE} (or
 * {@code "alice "}).
 *
 * <p>The check reads what the database reports about the columns (INFORMATION_SCHEMA on H2 and
 * MariaDB, the catalog's {@code pg_collation.collisdeterministic} on PostgreSQL) rather than probing
 * with values: a probe would need rows of its own in the session table, and the column metadata is
 * what the database's own comparisons go by. It accepts only what is known to be exact: text types
 * that are not blank-padded, with a binary NO PAD collation (MariaDB), no collation (H2), or a
 * deterministic one (PostgreSQL, where a deterministic collation breaks every tie byte by byte); and a
 * binary type for the hash. Anything else, a column missing included, refuses the build.
 */
final class SchemaCheck {
  /** What the database says of one column. */
  record Column(String dataType, String collation, boolean deterministic) {}

  private SchemaCheck() {}

  /**
   * @throws IllegalStateException naming the table, column and collation (or type) and the fix, when
   *     a column that identifies a subject or a session does not compare exactly, or is missing
   */
  static void verify(Connection c, JdbcDialect dialect, String table) throws SQLException {
    switch (dialect) {
      case H2 -> verifyH2(c, table);
      case MARIADB -> verifyMariaDb(c, table);
      case POSTGRESQL -> verifyPostgres(c, table);
    }
    verifyChangeLog(c, dialect, table);
  }

  /**
   * The change log of schema version 3 must be there: a store that cannot append to it fails every
   * revoke, and one that skipped it would leave other nodes' near-caches stale. A query of its columns
   * that the database refuses as a syntax or access error (SQL state class 42: no such table or column)
   * refuses the build; any other failure (the connection) is passed on.
   */
  static void verifyChangeLog(Connection c, JdbcDialect dialect, String table) throws SQLException {
    String log = table + "_changes";
    try (PreparedStatement ps = c.prepareStatement("SELECT seq, session_id, logged_at FROM " + log + " WHERE 1 = 0");
        ResultSet rs = ps.executeQuery()) {
      rs.next();
    } catch (SQLException e) {
      if (e.getSQLState() == null || !e.getSQLState().startsWith("42")) {
        throw e;
      }
      throw new IllegalStateException("table " + log + " (the change log of schema version 3) is missing or"
          + " lacks its columns seq, session_id, logged_at: run " + dialect.upgradeResource(2)
          + " (JdbcSessionStore.upgradeScript(" + dialect.name() + ", \"" + table + "\", 2)) or build with"
          + " createSchema(true)");
    }
  }

  // ---- H2 ----------------------------------------------------------------------------------------

  private static void verifyH2(Connection c, String table) throws SQLException {
    // H2 folds unquoted names to upper case (to lower case with DATABASE_TO_LOWER=TRUE, and then it
    // reports data types in lower case too).
    Map<String, Column> columns = columns(c,
        "SELECT LOWER(TABLE_NAME), LOWER(COLUMN_NAME), UPPER(DATA_TYPE), UPPER(COLLATION_NAME)"
            + " FROM INFORMATION_SCHEMA.COLUMNS"
            + " WHERE TABLE_SCHEMA = CURRENT_SCHEMA AND LOWER(TABLE_NAME) IN (?, ?)",
        rs -> new Column(rs.getString(3), rs.getString(4), true), table, table + "_lock");
    String databaseCollation = null;
    try (PreparedStatement ps = c.prepareStatement(
            "SELECT SETTING_VALUE FROM INFORMATION_SCHEMA.SETTINGS WHERE SETTING_NAME = 'COLLATION'");
        ResultSet rs = ps.executeQuery()) {
      if (rs.next()) {
        databaseCollation = rs.getString(1);
      }
    }
    for (String[] column : identifying(table, true)) {
      Column found = require(columns, column[0], column[1]);
      if (column[2] == null) {
        expect(found.dataType().equals("BINARY") || found.dataType().equals("BINARY VARYING"), column, found,
            "is not a binary column", "H2: ALTER TABLE " + column[0] + " ALTER COLUMN " + column[1]
                + " SET DATA TYPE BINARY(32)");
        continue;
      }
      String collation = databaseCollation != null && !databaseCollation.equals("OFF") ? databaseCollation
          : found.collation() != null && !found.collation().equals("OFF") ? found.collation() : null;
      expect(collation == null, column, found,
          "compares by the database's collation " + collation + ", which treats different text as equal",
          "H2 sets a collation for a whole database (SET COLLATION); keep the session tables in a database"
              + " without one, as schema-h2.sql says");
      expect(found.dataType().equals("CHARACTER VARYING"), column, found,
          found.dataType().equals("VARCHAR_IGNORECASE")
              ? "is VARCHAR_IGNORECASE (the database was opened with IGNORECASE=TRUE), which ignores case"
              : "is " + found.dataType() + ", not CHARACTER VARYING",
          "open the database without IGNORECASE=TRUE, then ALTER TABLE " + column[0] + " ALTER COLUMN "
              + column[1] + " SET DATA TYPE " + column[2]);
    }
  }

  // ---- MariaDB -----------------------------------------------------------------------------------

  private static void verifyMariaDb(Connection c, String table) throws SQLException {
    Map<String, Column> columns = columns(c,
        "SELECT LOWER(TABLE_NAME), LOWER(COLUMN_NAME), LOWER(DATA_TYPE), COLLATION_NAME FROM information_schema.COLUMNS"
            + " WHERE TABLE_SCHEMA = DATABASE() AND LOWER(TABLE_NAME) IN (?, ?)",
        rs -> new Column(rs.getString(3), rs.getString(4), true), table, table + "_lock");
    for (String[] column : identifying(table, true)) {
      Column found = require(columns, column[0], column[1]);
      if (column[2] == null) {
        expect(found.dataType().equals("binary") || found.dataType().equals("varbinary"), column, found,
            "is not a binary column", "ALTER TABLE " + column[0] + " MODIFY " + column[1] + " BINARY(32) NOT NULL");
        continue;
      }
      String fix = "ALTER TABLE " + column[0] + " MODIFY " + column[1] + " " + mariaDbType(column[1])
          + " NOT NULL (or run the shipped upgrade scripts: JdbcSessionStore.upgradeScript)";
      String collation = found.collation();
      expect(collation != null && collation.toLowerCase(Locale.ROOT).endsWith("_nopad_bin"), column, found,
          "has the collation " + collation + (collation != null && collation.toLowerCase(Locale.ROOT).endsWith("_bin")
              ? ", which pads with spaces ('alice' = 'alice ')"
              : ", which is not a binary NO PAD one (it may treat 'alice' and 'ALICE' as equal)"),
          fix);
      // CHAR drops trailing spaces on the way in: acceptable for ids (fixed length, no spaces), not subjects.
      expect(found.dataType().equals("varchar") || (column[1].equals("id") && found.dataType().equals("char")),
          column, found, "is " + found.dataType() + ", which drops trailing spaces", fix);
    }
  }

  private static String mariaDbType(String column) {
    return column.equals("id")
        ? "CHAR(22) CHARACTER SET ascii COLLATE ascii_nopad_bin"
        : "VARCHAR(255) CHARACTER SET utf8mb4 COLLATE utf8mb4_nopad_bin";
  }

  // ---- PostgreSQL --------------------------------------------------------------------------------

  private static void verifyPostgres(Connection c, String table) throws SQLException {
    // Nondeterministic collations exist from PostgreSQL 12 on; before, every collation is deterministic.
    boolean hasDeterminism = c.getMetaData().getDatabaseMajorVersion() >= 12;
    Map<String, Column> columns = columns(c,
        "SELECT ?, a.attname, format_type(a.atttypid, NULL), co.collname, "
            + (hasDeterminism ? "co.collisdeterministic" : "TRUE")
            + " FROM pg_attribute a LEFT JOIN pg_collation co ON co.oid = a.attcollation"
            + " WHERE a.attrelid = to_regclass(?) AND a.attnum > 0 AND NOT a.attisdropped",
        rs -> new Column(rs.getString(3), rs.getString(4), rs.getObject(5) == null || rs.getBoolean(5)),
        table, table);
    for (String[] column : identifying(table, false)) {
      Column found = require(columns, column[0], column[1]);
      if (column[2] == null) {
        expect(found.dataType().equals("bytea"), column, found, "is not a binary column",
            "ALTER TABLE " + column[0] + " ALTER COLUMN " + column[1] + " TYPE BYTEA");
        continue;
      }
      String fix = "ALTER TABLE " + column[0] + " ALTER COLUMN " + column[1] + " TYPE " + column[2] + " COLLATE \"C\"";
      expect(found.deterministic(), column, found,
          "has the nondeterministic collation \"" + found.collation() + "\", which treats different text as equal",
          fix);
      expect(found.dataType().equals("character varying") || found.dataType().equals("text"), column, found,
          "is " + found.dataType() + ", which ignores trailing spaces", fix);
    }
  }

  // ---- shared ------------------------------------------------------------------------------------

  /** {table, column, text type (null for the hash)} of every column that identifies a subject or a session. */
  private static List<String[]> identifying(String table, boolean lockTable) {
    List<String[]> columns = new ArrayList<>();
    columns.add(new String[] {table, "id", "VARCHAR(22)"});
    columns.add(new String[] {table, "subject", "VARCHAR(255)"});
    columns.add(new String[] {table, "secret_hash", null});
    if (lockTable) {
      columns.add(new String[] {table + "_lock", "subject", "VARCHAR(255)"});
    }
    return columns;
  }

  @FunctionalInterface
  private interface ColumnReader {
    Column read(ResultSet rs) throws SQLException;
  }

  /** "table.column" (lower case) to what the database says of it. */
  private static Map<String, Column> columns(Connection c, String sql, ColumnReader reader, String... params)
      throws SQLException {
    Map<String, Column> columns = new HashMap<>();
    try (PreparedStatement ps = c.prepareStatement(sql)) {
      for (int i = 0; i < params.length; i++) {
        ps.setString(i + 1, params[i]);
      }
      try (ResultSet rs = ps.executeQuery()) {
        while (rs.next()) {
          columns.put(rs.getString(1).toLowerCase(Locale.ROOT) + "." + rs.getString(2).toLowerCase(Locale.ROOT),
              reader.read(rs));
        }
      }
    }
    return columns;
  }

  private static Column require(Map<String, Column> columns, String table, String column) {
    Column found = columns.get(table + "." + column);
    if (found == null || found.dataType() == null) {
      throw new IllegalStateException("table " + table + " has no column " + column + " (or does not exist):"
          + " create the session tables first, with createSchema(true) or JdbcSessionStore.schemaScript");
    }
    return found;
  }

  private static void expect(boolean exact, String[] column, Column found, String problem, String fix) {
    if (!exact) {
      throw new IllegalStateException("column " + column[1] + " of table " + column[0] + " " + problem
          + " (type " + found.dataType() + ", collation " + found.collation() + "): subjects or sessions that"
          + " differ would be treated as one, so the store refuses to run on it. Fix: " + fix);
    }
  }
}
