package dev.sessionkit.jdbc;

import java.sql.Connection;
import java.sql.SQLException;

/** PostgreSQL: RETURNING, row-value keysets, advisory cap locks, SKIP LOCKED purges. */
final class PostgresDialect extends SqlDialect {

  PostgresDialect(String table) {
    super(table, Yield.RETURNING, Yield.RETURNING);
  }

  /**
   * No query timeout on the lookup by id. pgjdbc runs a statement's query timeout as a task on a
   * shared {@link java.util.Timer} and purges that timer after every such statement, so every timed
   * statement finds the timer empty, becomes its first task and wakes the timer thread: a thread
   * hand-off per lookup, which on the benchmark machine cost about 20 us on a 50-80 us round trip
   * (alternating batches of the bare SELECT with and without {@code setQueryTimeout}). A primary-key
   * read never waits for a row lock in PostgreSQL (readers do not block on writers), so what the query
   * timeout would end early is a table-wide lock (DDL) or a stalled server: the network timeout ends
   * those, {@link JdbcStore#NETWORK_GRACE} later, and the pool replaces the connection.
   */
  @Override
  boolean timesLookups() {
    return false;
  }

  /** Row comparison on (column, id); PostgreSQL uses the (subject, column, id) index for it. */
  @Override
  String keysetPredicate(String column, String op) {
    return "(" + column + ", id) " + op + " (?, ?)";
  }

  @Override
  Object[] keysetParams(long sortValue, String id) {
    return new Object[] {sortValue, id};
  }

  /**
   * The offset as a one-row subquery rather than a bare parameter, so that PostgreSQL keeps one plan
   * for the statement. pgjdbc prepares it on the server from its fifth run, and the plan cache then
   * compares the generic plan with the custom ones: a bare {@code OFFSET $4} is priced as "skip 10%
   * of the rows" in the generic plan but as the bound value (0 for a first page) in a custom plan, so
   * the generic plan never looked cheap enough and every call was planned again (0.1 ms of planning
   * for 0.02 ms of index scan; pg_prepared_statements: 0 generic, 12 custom plans after 12 runs). A
   * subquery is an unknown in both, the two cost the same, and from the sixth run on the cached
   * generic plan serves it: the same index scan, backward for a descending order.
   */
  @Override
  String limitOffset() {
    return " LIMIT ? OFFSET (SELECT CAST(? AS BIGINT))";
  }

  /**
   * Nodes purging at once take disjoint batches: SKIP LOCKED passes over rows another purge (or a
   * revoke) holds, so nobody waits and nothing deadlocks.
   */
  @Override
  String purge() {
    // "id = ANY (ARRAY(...))" runs the batch query once and deletes through the primary key; the
    // plainer "id IN (SELECT ...)" was planned as a hash join over a scan of the whole table.
    return "DELETE FROM " + table + " WHERE id = ANY (ARRAY(SELECT id FROM " + table
        + " WHERE idle_expires_at <= ? ORDER BY idle_expires_at LIMIT ? FOR UPDATE SKIP LOCKED))";
  }

  /**
   * A transaction-scoped advisory lock on (table, subject): no lock table, released at commit or
   * rollback. Two subjects whose hashes collide merely share a lock.
   */
  @Override
  boolean lockSubject(Connection c, String subject) throws SQLException {
    execute(c, "SELECT pg_advisory_xact_lock(hashtext(?), hashtext(?))", table, subject);
    return true;
  }

  /**
   * One statement: {@code WITH w AS (UPDATE/DELETE ... RETURNING ...), l AS (INSERT INTO T_changes ...
   * SELECT id FROM w ...) SELECT ... FROM w}. A data-modifying CTE always runs to completion, in the
   * statement's own transaction, so the log rows commit or roll back with the change, in one round
   * trip. The INSERT's filter calls pg_notify once per row (identical notifications of one transaction
   * are sent once, at commit; none when nothing changed).
   */
  @Override
  boolean logsInTheStatement() {
    return true;
  }

  @Override
  String updateLoggedSql(String assignments, String where) {
    return logged("UPDATE " + table + " SET " + assignments + " WHERE " + where);
  }

  @Override
  String deleteLoggedSql(String where) {
    return logged("DELETE FROM " + table + " WHERE " + where);
  }

  private String logged(String change) {
    return "WITH w AS (" + change + " RETURNING " + SessionRows.COLUMNS + "), l AS (INSERT INTO " + changesTable
        + " (session_id) SELECT id FROM w WHERE pg_notify('" + notificationChannel(table) + "', '') IS NOT NULL)"
        + " SELECT " + SessionRows.COLUMNS + " FROM w";
  }

  /** The channel writers notify and sources listen on: the log's name (a validated, unquoted name). */
  static String notificationChannel(String table) {
    return table + "_changes";
  }

  @Override
  String databaseTimeMinusMillis() {
    return "CURRENT_TIMESTAMP - CAST(? AS BIGINT) * INTERVAL '1 millisecond'";
  }

  /** PostgreSQL's DELETE takes no LIMIT: the batch is chosen by a subquery, as in {@link #purge()}. */
  @Override
  String trimChanges() {
    return "DELETE FROM " + changesTable + " WHERE seq = ANY (ARRAY(SELECT seq FROM " + changesTable
        + " WHERE logged_at < " + databaseTimeMinusMillis() + " AND seq < (SELECT MAX(seq) FROM " + changesTable
        + ") ORDER BY logged_at LIMIT ?))";
  }

  @Override
  void insertLockRow(Connection c, String subject) {
    throw new IllegalStateException("advisory locks need no lock row");
  }
}
