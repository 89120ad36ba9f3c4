package dev.sessionkit.jdbc;

import dev.sessionkit.SortDirection;
import dev.sessionkit.SortField;
import dev.sessionkit.spi.StoredSession;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.function.Predicate;

/**
 * The statements of the store, in portable SQL; a subclass per database overrides only what differs
 * there. Every statement is prepared: the only text spliced in is the validated table name and fixed
 * fragments chosen from enums (sort columns and directions), never caller input. Every statement runs
 * with the store's query timeout ({@link #prepare}), so a lock held elsewhere or a slow database
 * fails the call instead of holding its thread; the lookup by id may go without it where a dialect
 * says so ({@link #timesLookups}).
 *
 * <p>Two operations differ in mechanism rather than text: an UPDATE that yields the updated row, and
 * a DELETE that yields the deleted rows. Each dialect says which {@link Yield} its database has for
 * each; the statements and how they run follow from that here, in one place.
 */
abstract class SqlDialect {
  /** How a data-changing statement hands back the rows it changed. */
  enum Yield {
    /** {@code ... RETURNING columns}: one statement. */
    RETURNING,
    /** H2's data change delta tables, {@code SELECT ... FROM FINAL/OLD TABLE (...)}: one statement. */
    DELTA_TABLE,
    /** Portable, for updates (MariaDB has no UPDATE ... RETURNING): change, then read the row back. */
    READ_BACK
  }

  final String table;
  final String lockTable;
  /** The change log: one row per session a write made stale, read by {@link JdbcInvalidationSource}. */
  final String changesTable;
  private final Yield updated;
  private final Yield deleted;
  private int queryTimeoutSeconds;

  private final Map<SortField, Map<SortDirection, String[]>> listSql = new EnumMap<>(SortField.class);

  SqlDialect(String table, Yield updated, Yield deleted) {
    this.table = table;
    this.lockTable = table + "_lock";
    this.changesTable = table + "_changes";
    this.updated = updated;
    this.deleted = deleted;
    for (SortField field : SortField.values()) {
      Map<SortDirection, String[]> byDirection = new EnumMap<>(SortDirection.class);
      for (SortDirection direction : SortDirection.values()) {
        byDirection.put(
            direction, new String[] {listSql(field, direction, false), listSql(field, direction, true)});
      }
      listSql.put(field, byDirection);
    }
  }

  /** The column a list is sorted by: a fixed fragment per enum constant. */
  static String sortColumn(SortField field) {
    return switch (field) {
      case LAST_ACCESSED -> "last_accessed_at";
      case CREATED -> "created_at";
      case EXPIRES -> "expires_at";
    };
  }

  static String sortKeyword(SortDirection direction) {
    return direction == SortDirection.ASCENDING ? "ASC" : "DESC";
  }

  // ---- plain statements -------------------------------------------------------------------------

  String insert() {
    return "INSERT INTO " + table + " (" + SessionRows.COLUMNS + ") VALUES (" + SessionRows.VALUES + ")";
  }

  /** The hot-path lookup: one primary-key read. */
  String selectById() {
    return "SELECT " + SessionRows.COLUMNS + " FROM " + table + " WHERE id = ?";
  }

  String countLive() {
    return "SELECT COUNT(*) FROM " + table + " WHERE subject = ? AND idle_expires_at > ?";
  }

  /** Tells a stale version (row found) from a missing session (no row) after an update missed. */
  String liveVersion() {
    return "SELECT version FROM " + table + " WHERE id = ? AND subject = ? AND idle_expires_at > ?";
  }

  /**
   * The least recently used live sessions of a subject, in the order the cap evicts them, never the
   * id being created (parameters: subject, now, new id, limit): should that id be taken, the insert
   * must fail and roll back, not replace the session that holds it.
   */
  String evictionVictims() {
    return "SELECT id FROM " + table + " WHERE subject = ? AND idle_expires_at > ? AND id <> ?"
        + " ORDER BY last_accessed_at ASC, id ASC LIMIT ?";
  }

  /** Deletes at most {@code ?} rows expired at {@code ?} (parameters: now, limit). */
  String purge() {
    return "DELETE FROM " + table + " WHERE idle_expires_at <= ? ORDER BY idle_expires_at LIMIT ?";
  }

  /**
   * One page of a subject's live sessions. Parameters: subject, now, then the keyset parameters
   * ({@link #keysetParams}) and the limit, or the limit and the offset.
   */
  final String list(SortField field, SortDirection direction, boolean keyset) {
    return listSql.get(field).get(direction)[keyset ? 1 : 0];
  }

  private String listSql(SortField field, SortDirection direction, boolean keyset) {
    String column = sortColumn(field);
    String dir = sortKeyword(direction);
    return "SELECT " + SessionRows.COLUMNS + " FROM " + table
        + " WHERE subject = ? AND idle_expires_at > ?"
        + (keyset ? " AND " + keysetPredicate(column, direction == SortDirection.ASCENDING ? ">" : "<") : "")
        + " ORDER BY " + listOrder(column, dir)
        + (keyset ? " LIMIT ?" : limitOffset());
  }

  /** The end of an offset page: the limit, then the offset (parameters in that order). */
  String limitOffset() {
    return " LIMIT ? OFFSET ?";
  }

  /**
   * The ORDER BY of a list: the sort column, then id, both in {@code dir}. PostgreSQL and MariaDB
   * read a page of one subject off the (subject, column, id) index in this order.
   */
  String listOrder(String column, String dir) {
    return column + " " + dir + ", id " + dir;
  }

  /**
   * Rows strictly after the keyset position, on (sort column, id). The expanded form works
   * everywhere and lets the (subject, column, id) index serve it.
   */
  String keysetPredicate(String column, String op) {
    return "(" + column + " " + op + " ? OR (" + column + " = ? AND id " + op + " ?))";
  }

  /** The parameters of {@link #keysetPredicate}. */
  Object[] keysetParams(long sortValue, String id) {
    return new Object[] {sortValue, sortValue, id};
  }

  // ---- the cap lock -----------------------------------------------------------------------------

  /**
   * Inside a transaction, locks the subject for the rest of it, so that capped creates of one subject
   * (on any node) count and insert one at a time. Returns false when the subject has no lock row yet;
   * the caller then ends the transaction, calls {@link #insertLockRow} and tries again.
   */
  boolean lockSubject(Connection c, String subject) throws SQLException {
    return !query(c, rs -> rs.getString(1), "SELECT subject FROM " + lockTable + " WHERE subject = ? FOR UPDATE", subject)
        .isEmpty();
  }

  /**
   * Creates the subject's lock row, outside any transaction, tolerating a concurrent creator (each
   * database has its own insert-if-missing). Kept out of the create transaction on purpose: a
   * rolled-back insert of a lock row can deadlock the sessions queued behind it on InnoDB.
   */
  abstract void insertLockRow(Connection c, String subject) throws SQLException;

  // ---- UPDATE and DELETE that yield rows ---------------------------------------------------------

  /** The statement {@link #updateReturning} runs for {@code UPDATE table SET assignments WHERE where}. */
  final String updateReturningSql(String assignments, String where) {
    String update = "UPDATE " + table + " SET " + assignments + " WHERE " + where;
    return switch (updated) {
      case RETURNING -> update + " RETURNING " + SessionRows.COLUMNS;
      case DELTA_TABLE -> "SELECT " + SessionRows.COLUMNS + " FROM FINAL TABLE (" + update + ")";
      case READ_BACK -> update;
    };
  }

  /**
   * Runs an update prepared by {@link #updateReturningSql} and returns the updated row of session
   * {@code id}, or null when the WHERE matched nothing.
   *
   * <p>Read-back form: the update and a read by id in one transaction, the update's row lock keeping
   * everybody else out in between. Whether the update applied is decided from the row read back, by
   * {@code applied}, not from the update count: with {@code useAffectedRows=true} MariaDB counts only
   * rows whose values changed, so a touch that moves nothing (GREATEST kept the newer values) counts 0
   * although the session is live.
   */
  final StoredSession updateReturning(
      Connection c, SessionRows rows, String sql, Object[] params, String id, Predicate<StoredSession> applied)
      throws SQLException {
    if (updated != Yield.READ_BACK) {
      return first(query(c, rows, sql, params));
    }
    return Sql.inTransactionJoining(c, tx -> {
      int count = update(tx, sql, params);
      StoredSession row = first(query(tx, rows, selectById(), id));
      return row != null && (count > 0 || applied.test(row)) ? row : null;
    });
  }

  /** The statement {@link #deleteReturning} runs for {@code DELETE FROM table WHERE where}. */
  final String deleteReturningSql(String where) {
    String delete = "DELETE FROM " + table + " WHERE " + where;
    return deleted == Yield.DELTA_TABLE
        ? "SELECT " + SessionRows.COLUMNS + " FROM OLD TABLE (" + delete + ")"
        : delete + " RETURNING " + SessionRows.COLUMNS;
  }

  /**
   * Runs a delete prepared by {@link #deleteReturningSql} and returns the last state of exactly the
   * rows it deleted (a concurrent revoke of the same row reports it once, on one side only).
   */
  final List<StoredSession> deleteReturning(Connection c, SessionRows rows, String sql, Object[] params)
      throws SQLException {
    return query(c, rows, sql, params);
  }

  // ---- the change log ----------------------------------------------------------------------------

  /** Ids per INSERT of change-log rows, well under every driver's parameter limit. */
  static final int IDS_PER_LOG_INSERT = 100;

  /**
   * The statement of {@link #updateLogged}: an update yielding the row, as {@link #updateReturningSql},
   * which also appends to the change log when {@link #logsInTheStatement()} says so.
   */
  String updateLoggedSql(String assignments, String where) {
    return updateReturningSql(assignments, where);
  }

  /** The statement of {@link #deleteLogged}; see {@link #updateLoggedSql}. */
  String deleteLoggedSql(String where) {
    return deleteReturningSql(where);
  }

  /**
   * Whether the statements of {@link #updateLoggedSql} and {@link #deleteLoggedSql} append to the log
   * themselves (PostgreSQL's data-modifying CTEs: one round trip, one statement). Elsewhere the store
   * appends with an INSERT of its own in the same transaction.
   */
  boolean logsInTheStatement() {
    return false;
  }

  /**
   * An update of one session that makes its copies stale (rotate, attributes): runs {@code sql} from
   * {@link #updateLoggedSql} like {@link #updateReturning} and logs the session in the same transaction
   * when it applied. Joins the caller's transaction if there is one.
   */
  final StoredSession updateLogged(
      Connection c, SessionRows rows, String sql, Object[] params, String id, Predicate<StoredSession> applied)
      throws SQLException {
    if (logsInTheStatement()) {
      return updateReturning(c, rows, sql, params, id, applied);
    }
    return Sql.inTransactionJoining(c, tx -> {
      StoredSession row = updateReturning(tx, rows, sql, params, id, applied);
      if (row != null) {
        appendChanges(tx, List.of(id));
      }
      return row;
    });
  }

  /**
   * A delete of sessions (revokes, cap evictions): runs {@code sql} from {@link #deleteLoggedSql} and
   * logs exactly the deleted sessions in the same transaction. Joins the caller's transaction if there
   * is one.
   */
  final List<StoredSession> deleteLogged(Connection c, SessionRows rows, String sql, Object[] params)
      throws SQLException {
    if (logsInTheStatement()) {
      return query(c, rows, sql, params);
    }
    return Sql.inTransactionJoining(c, tx -> {
      List<StoredSession> deleted = query(tx, rows, sql, params);
      List<String> ids = new ArrayList<>(deleted.size());
      for (StoredSession s : deleted) {
        ids.add(s.session().id().value());
      }
      appendChanges(tx, ids);
      return deleted;
    });
  }

  /** Appends one log row per id, in the caller's transaction. */
  final void appendChanges(Connection tx, List<String> ids) throws SQLException {
    for (int from = 0; from < ids.size(); from += IDS_PER_LOG_INSERT) {
      List<String> chunk = ids.subList(from, Math.min(ids.size(), from + IDS_PER_LOG_INSERT));
      StringBuilder values = new StringBuilder();
      for (int i = 0; i < chunk.size(); i++) {
        values.append(i == 0 ? "(?)" : ",(?)");
      }
      update(tx, "INSERT INTO " + changesTable + " (session_id) VALUES " + values, chunk.toArray());
    }
  }

  /**
   * The database's current time minus {@code ?} milliseconds (one BIGINT parameter), comparable with
   * the log's {@code logged_at}: trimming and the sources' starting point go by the database's clock
   * only, so the application's clock and its skew never matter.
   */
  abstract String databaseTimeMinusMillis();

  /**
   * Deletes at most {@code ?} log rows logged before the database's time minus {@code ?} ms
   * (parameters: retention in ms, limit), never the newest row: it keeps the highest sequence visible,
   * where a new source starts, even after a long quiet spell.
   */
  String trimChanges() {
    return "DELETE FROM " + changesTable + " WHERE logged_at < " + databaseTimeMinusMillis()
        + " AND seq < (SELECT MAX(seq) FROM " + changesTable + ") FETCH FIRST ? ROWS ONLY";
  }

  /** Log rows after a sequence, in order (parameters: sequence, limit). */
  final String changesAfter() {
    return "SELECT seq, session_id FROM " + changesTable + " WHERE seq > ? ORDER BY seq LIMIT ?";
  }

  /**
   * The highest sequence logged before the database's time minus {@code ?} ms, or no row: every
   * sequence below it was taken earlier still and has long committed or rolled back.
   */
  final String settledSequence() {
    return "SELECT seq FROM " + changesTable + " WHERE logged_at < " + databaseTimeMinusMillis()
        + " ORDER BY seq DESC LIMIT 1";
  }

  // ---- running statements ------------------------------------------------------------------------

  /** Reads one value from the row a result set is on. */
  @FunctionalInterface
  interface RowReader<T> {
    T read(ResultSet rs) throws SQLException;
  }

  /** Sets the query timeout every statement of this store gets, in whole seconds (JDBC's unit). */
  final SqlDialect withQueryTimeout(int seconds) {
    this.queryTimeoutSeconds = seconds;
    return this;
  }

  /** A prepared statement with the store's query timeout and the parameters bound. */
  final PreparedStatement prepare(Connection c, String sql, Object... params) throws SQLException {
    PreparedStatement ps = c.prepareStatement(sql);
    try {
      ps.setQueryTimeout(queryTimeoutSeconds);
      Sql.bind(ps, params);
      return ps;
    } catch (SQLException | RuntimeException e) {
      ps.close();
      throw e;
    }
  }

  /** Runs a statement for its effect only (a lock, a setting): whatever it answers is not read. */
  final void execute(Connection c, String sql, Object... params) throws SQLException {
    try (PreparedStatement ps = prepare(c, sql, params)) {
      ps.execute();
    }
  }

  /** Runs an update statement and returns its row count. */
  final int update(Connection c, String sql, Object... params) throws SQLException {
    try (PreparedStatement ps = prepare(c, sql, params)) {
      return ps.executeUpdate();
    }
  }

  /** Runs a query and reads every row. */
  final <T> List<T> query(Connection c, RowReader<T> reader, String sql, Object... params) throws SQLException {
    try (PreparedStatement ps = prepare(c, sql, params);
        ResultSet rs = ps.executeQuery()) {
      List<T> result = new ArrayList<>();
      while (rs.next()) {
        result.add(reader.read(rs));
      }
      return result;
    }
  }

  /**
   * Whether the hot-path lookup by id ({@link #findById}) gets the JDBC query timeout too. Every
   * connection's socket reads are bounded anyway (the store's network timeout, a little past the query
   * timeout), so a lookup never waits without end either way.
   *
   * @return true by default
   */
  boolean timesLookups() {
    return true;
  }

  /**
   * The hot-path lookup: {@code select} (the {@link #selectById} text) for one id, with the query
   * timeout only where {@link #timesLookups}.
   */
  final StoredSession findById(Connection c, SessionRows rows, String select, String id) throws SQLException {
    if (timesLookups()) {
      return first(query(c, rows, select, id));
    }
    try (PreparedStatement ps = c.prepareStatement(select)) {
      Sql.bind(ps, id);
      try (ResultSet rs = ps.executeQuery()) {
        return rs.next() ? rows.read(rs) : null;
      }
    }
  }

  /** Runs a query of sessions. */
  final List<StoredSession> query(Connection c, SessionRows rows, String sql, Object... params) throws SQLException {
    return query(c, rows::read, sql, params);
  }

  static <T> T first(List<T> rows) {
    return rows.isEmpty() ? null : rows.get(0);
  }

  /**
   * Runs {@code work} in a transaction at READ COMMITTED, whatever the pool's default isolation: the
   * capped create counts a subject's sessions after taking the subject's lock, and only a statement
   * that takes a fresh snapshot sees the logins committed while it waited (at REPEATABLE READ,
   * PostgreSQL fixes the snapshot at the transaction's first statement, before the lock is granted).
   * PostgreSQL and MariaDB take {@code SET TRANSACTION} as the transaction's first statement, which
   * lasts for this transaction only.
   */
  <T> T inReadCommittedTransaction(Connection c, Sql.Work<T> work) throws SQLException {
    return Sql.inTransaction(c, tx -> {
      execute(tx, "SET TRANSACTION ISOLATION LEVEL READ COMMITTED");
      return work.run(tx);
    });
  }

  /** The dialect for a validated table name. */
  static SqlDialect of(JdbcDialect dialect, String table) {
    return switch (dialect) {
      case POSTGRESQL -> new PostgresDialect(table);
      case MARIADB -> new MariaDbDialect(table);
      case H2 -> new H2Dialect(table);
    };
  }
}
