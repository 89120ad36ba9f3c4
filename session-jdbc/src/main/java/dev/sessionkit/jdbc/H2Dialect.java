package dev.sessionkit.jdbc;

import dev.sessionkit.spi.StoredSession;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.List;

/** H2 2.x: data change delta tables (FINAL TABLE, OLD TABLE) do the work of RETURNING. */
final class H2Dialect extends SqlDialect {

  H2Dialect(String table) {
    super(table);
  }

  /** H2's DELETE takes no ORDER BY; any expired rows will do, the batch bound is what matters. */
  @Override
  String purge() {
    return "DELETE FROM " + table + " WHERE idle_expires_at <= ? FETCH FIRST ? ROWS ONLY";
  }

  @Override
  void insertLockRow(Connection c, String subject) throws SQLException {
    Sql.update(c, "MERGE INTO " + lockTable + " (subject) KEY (subject) VALUES (?)", subject);
  }

  @Override
  String updateReturningSql(String assignments, String where) {
    return "SELECT " + SessionRows.COLUMNS + " FROM FINAL TABLE (UPDATE " + table + " SET "
        + assignments + " WHERE " + where + ")";
  }

  @Override
  StoredSession updateReturning(
      Connection c, SessionRows rows, String sql, Object[] params, String id) throws SQLException {
    return first(query(c, rows, sql, params));
  }

  @Override
  String deleteReturningSql(String where) {
    return "SELECT " + SessionRows.COLUMNS + " FROM OLD TABLE (DELETE FROM " + table + " WHERE " + where + ")";
  }

  @Override
  List<StoredSession> deleteReturning(Connection c, SessionRows rows, String sql, Object[] params)
      throws SQLException {
    return query(c, rows, sql, params);
  }
}
