package dev.sessionkit.jdbc;

import java.sql.Connection;
import java.sql.SQLException;

/** H2 2.x: data change delta tables (FINAL TABLE, OLD TABLE) do the work of RETURNING. */
final class H2Dialect extends SqlDialect {

  H2Dialect(String table) {
    super(table, Yield.DELTA_TABLE, Yield.DELTA_TABLE);
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
}
