package dev.sessionkit.jdbc;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;

/**
 * Loads the shipped schema scripts, puts the validated table name in place of {@code ${table}}, and
 * runs them statement by statement. The scripts are ours: no semicolons inside statements, comments
 * only on lines of their own.
 */
final class SchemaScripts {
  /** The schema version the store's statements are written for. */
  static final int VERSION = 3;

  private static final String PLACEHOLDER = "${table}";

  private SchemaScripts() {}

  /** The script text with the table name substituted; {@code table} is already validated. */
  static String text(String resource, String table) {
    try (InputStream in = SchemaScripts.class.getClassLoader().getResourceAsStream(resource)) {
      if (in == null) {
        throw new IllegalStateException("missing resource " + resource);
      }
      return new String(in.readAllBytes(), StandardCharsets.UTF_8).replace(PLACEHOLDER, table);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read " + resource, e);
    }
  }

  /** The statements of a script, comments dropped. */
  static List<String> statements(String script) {
    StringBuilder code = new StringBuilder();
    for (String line : script.split("\n")) {
      if (!line.strip().startsWith("--")) {
        code.append(line).append('\n');
      }
    }
    List<String> statements = new ArrayList<>();
    for (String part : code.toString().split(";")) {
      if (!part.isBlank()) {
        statements.add(part.strip());
      }
    }
    return statements;
  }

  /**
   * Runs a script in one go. DDL cannot bind identifiers, so these are plain statements; the only
   * variable text in them is the table name, validated against a strict pattern before it gets here.
   */
  static void run(Connection c, String resource, String table) throws SQLException {
    try (Statement st = c.createStatement()) {
      for (String statement : statements(text(resource, table))) {
        st.execute(statement);
      }
    }
  }

  /**
   * Brings a table to {@link #VERSION}: creates what is missing (a new table starts at the current
   * version), then runs the upgrade scripts from the installed version on, one version at a time.
   *
   * @return the version the table was at before (equal to {@link #VERSION} for a new table)
   * @throws IllegalStateException when the table is at a newer version than this library knows
   */
  static int createOrUpgrade(Connection c, JdbcDialect dialect, String table) throws SQLException {
    run(c, dialect.schemaResource(), table);
    int found = installedVersion(c, table);
    if (found > VERSION) {
      throw new IllegalStateException(
          "table " + table + " is at schema version " + found + ", newer than this sessionkit (" + VERSION + ")");
    }
    for (int version = found; version < VERSION; version++) {
      run(c, dialect.upgradeResource(version), table);
    }
    return found;
  }

  /** The schema version recorded in the version table. */
  static int installedVersion(Connection c, String table) throws SQLException {
    try (PreparedStatement ps = c.prepareStatement("SELECT version FROM " + table + "_version WHERE id = 1");
        ResultSet rs = ps.executeQuery()) {
      if (!rs.next()) {
        throw new IllegalStateException("table " + table + "_version has no row");
      }
      return rs.getInt(1);
    }
  }
}
