package dev.sessionkit.jdbc;

import dev.sessionkit.spi.StoredSession;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.List;

/**
 * MariaDB 10.5+: DELETE ... RETURNING, INSERT IGNORE for lock rows. MariaDB has no UPDATE ...
 * RETURNING, so updates keep the portable update-then-read transaction.
 */
class MariaDbDialect extends SqlDialect {

  MariaDbDialect(String table) {
    super(table);
  }

  @Override
  void insertLockRow(Connection c, String subject) throws SQLException {
    Sql.update(c, "INSERT IGNORE INTO " + lockTable + " (subject) VALUES (?)", subject);
  }

  @Override
  String deleteReturningSql(String where) {
    return "DELETE FROM " + table + " WHERE " + where + " RETURNING " + SessionRows.COLUMNS;
  }

  @Override
  List<StoredSession> deleteReturning(Connection c, SessionRows rows, String sql, Object[] params)
      throws SQLException {
    return query(c, rows, sql, params);
  }
}
