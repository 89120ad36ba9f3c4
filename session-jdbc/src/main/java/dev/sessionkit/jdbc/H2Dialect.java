package dev.sessionkit.jdbc;

import java.sql.Connection;
import java.sql.SQLException;

/**
 * H2 2.x: data change delta tables (FINAL TABLE, OLD TABLE) do the work of RETURNING; row-value
 * keysets.
 */
final class H2Dialect extends SqlDialect {

  H2Dialect(String table) {
    super(table, Yield.DELTA_TABLE, Yield.DELTA_TABLE);
  }

  /**
   * Names the subject first although the WHERE fixes it: that is the (subject, column, id) index's
   * own order, and H2 2.3 reads a page off the index only so (EXPLAIN ANALYZE: "index sorted",
   * scanCount 21 for a first page of 20). With {@code ORDER BY column, id} it read and sorted every
   * row of the subject: scanCount 10,001 for the benchmark's user. Not in the portable form: through
   * its JDBC driver MariaDB then planned the first page on the expiry index with a filesort.
   */
  @Override
  String listOrder(String column, String dir) {
    return "subject " + dir + ", " + column + " " + dir + ", id " + dir;
  }

  /**
   * Row comparison on (column, id): H2 turns it into a range on the (subject, column, id) index
   * ({@code column <= ?}) and, with the subject-led ORDER BY, reads a deep page's 20 rows from there
   * (EXPLAIN ANALYZE: scanCount 23). The expanded OR form gives it no range: it walked the subject's
   * index entries from the end the order starts at, about 9,000 for a page at position 9,000.
   */
  @Override
  String keysetPredicate(String column, String op) {
    return "(" + column + ", id) " + op + " (?, ?)";
  }

  @Override
  Object[] keysetParams(long sortValue, String id) {
    return new Object[] {sortValue, id};
  }

  /** H2's DELETE takes no ORDER BY; any expired rows will do, the batch bound is what matters. */
  @Override
  String purge() {
    return "DELETE FROM " + table + " WHERE idle_expires_at <= ? FETCH FIRST ? ROWS ONLY";
  }

  /**
   * H2 has no per-transaction SET TRANSACTION: the connection's level is set for the transaction and
   * put back afterwards (cheap in-process; a pool would reset it too).
   */
  @Override
  <T> T inReadCommittedTransaction(Connection c, Sql.Work<T> work) throws SQLException {
    return atReadCommitted(c, x -> Sql.inTransaction(x, work));
  }

  private static <T> T atReadCommitted(Connection c, Sql.Work<T> work) throws SQLException {
    int before = c.getTransactionIsolation();
    if (before == Connection.TRANSACTION_READ_COMMITTED) {
      return work.run(c);
    }
    c.setTransactionIsolation(Connection.TRANSACTION_READ_COMMITTED);
    try {
      return work.run(c);
    } finally {
      c.setTransactionIsolation(before);
    }
  }

  @Override
  String databaseTimeMinusMillis() {
    return "DATEADD(MILLISECOND, 0 - CAST(? AS BIGINT), CURRENT_TIMESTAMP)";
  }

  @Override
  void insertLockRow(Connection c, String subject) throws SQLException {
    // At SERIALIZABLE, H2 makes concurrent MERGEs of one new key wait for each other until a timeout.
    atReadCommitted(c, x -> {
      execute(x, "MERGE INTO " + lockTable + " (subject) KEY (subject) VALUES (?)", subject);
      return null;
    });
  }
}
