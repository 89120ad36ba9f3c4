package dev.sessionkit.jdbc;

import java.sql.Connection;
import java.sql.SQLException;

/**
 * MariaDB 10.5+: DELETE ... RETURNING, INSERT IGNORE for lock rows. MariaDB has no UPDATE ...
 * RETURNING, so updates keep the portable update-then-read transaction.
 */
class MariaDbDialect extends SqlDialect {

  MariaDbDialect(String table) {
    this(table, Yield.RETURNING);
  }

  /** For MySQL, which shares everything but RETURNING. */
  MariaDbDialect(String table, Yield deleted) {
    super(table, Yield.READ_BACK, deleted);
  }

  @Override
  void insertLockRow(Connection c, String subject) throws SQLException {
    Sql.update(c, "INSERT IGNORE INTO " + lockTable + " (subject) VALUES (?)", subject);
  }
}
