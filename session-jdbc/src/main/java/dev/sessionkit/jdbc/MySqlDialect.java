package dev.sessionkit.jdbc;

import dev.sessionkit.spi.StoredSession;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.List;

/** MySQL 8: the MariaDB statements, but no RETURNING at all, so deletes lock, read, then delete. */
final class MySqlDialect extends MariaDbDialect {

  MySqlDialect(String table) {
    super(table);
  }

  @Override
  String deleteReturningSql(String where) {
    return "SELECT " + SessionRows.COLUMNS + " FROM " + table + " WHERE " + where + " FOR UPDATE";
  }

  @Override
  List<StoredSession> deleteReturning(Connection c, SessionRows rows, String sql, Object[] params)
      throws SQLException {
    return lockThenDelete(c, rows, sql, params);
  }
}
