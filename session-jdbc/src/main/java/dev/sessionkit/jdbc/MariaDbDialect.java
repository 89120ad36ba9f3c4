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

  @Override
  void insertLockRow(Connection c, String subject) throws SQLException {
    execute(c, "INSERT IGNORE INTO " + lockTable + " (subject) VALUES (?)", subject);
  }
}
