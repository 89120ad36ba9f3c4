package dev.sessionkit.jdbc;

import java.sql.Connection;
import java.sql.SQLException;

/**
 * MariaDB 10.5+: DELETE ... RETURNING, INSERT IGNORE for lock rows. MariaDB has no UPDATE ...
 * RETURNING, so updates keep the portable update-then-read transaction.
 */
final class MariaDbDialect extends SqlDialect {

  MariaDbDialect(String table) {
    super(table, Yield.READ_BACK, Yield.RETURNING);
  }

  /** logged_at is a UTC DATETIME (see schema-mariadb.sql). */
  @Override
  String databaseTimeMinusMillis() {
    return "UTC_TIMESTAMP(3) - INTERVAL (? * 1000) MICROSECOND";
  }

  /** The newest row is found through a derived table: MariaDB reads it before deleting from the same table. */
  @Override
  String trimChanges() {
    return "DELETE FROM " + changesTable + " WHERE logged_at < " + databaseTimeMinusMillis()
        + " AND seq < (SELECT newest FROM (SELECT MAX(seq) AS newest FROM " + changesTable + ") n)"
        + " ORDER BY logged_at LIMIT ?";
  }

  @Override
  void insertLockRow(Connection c, String subject) throws SQLException {
    execute(c, "INSERT IGNORE INTO " + lockTable + " (subject) VALUES (?)", subject);
  }
}
