package dev.sessionkit.jdbc;

import dev.sessionkit.ErrorCode;
import dev.sessionkit.OverflowStrategy;
import dev.sessionkit.Session;
import dev.sessionkit.SessionException;
import dev.sessionkit.SessionId;
import dev.sessionkit.spi.AttributeUpdate;
import dev.sessionkit.spi.CreateOutcome;
import dev.sessionkit.spi.KeysetPosition;
import dev.sessionkit.spi.SessionQuery;
import dev.sessionkit.spi.SessionStore;
import dev.sessionkit.spi.StoredSession;
import dev.sessionkit.spi.SubjectCap;
import java.security.MessageDigest;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.SQLFeatureNotSupportedException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import javax.sql.DataSource;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** See {@link JdbcSessionStore}. */
final class JdbcStore implements SessionStore {
  private static final Logger LOG = LoggerFactory.getLogger(JdbcSessionStore.class);

  /**
   * Deadlocks and serialization failures roll the statement back and may simply be tried again. InnoDB
   * reports deadlocks between a capped login (lock row, evict, insert) and a subject-wide DELETE of
   * the same user now and then; a few attempts with a short random pause let them pass.
   */
  private static final int ATTEMPTS = 6;

  /** How much longer than the query timeout a socket read may wait before the connection is dropped. */
  static final Duration NETWORK_GRACE = Duration.ofMillis(500);

  /** Ids per DELETE ... IN (...) of a bulk revoke, well under every driver's parameter limit. */
  private static final int IDS_PER_STATEMENT = 100;

  // A touch never moves the last access or the idle deadline backwards (two nodes may touch out of
  // order), never past the absolute deadline, and only ever applies to a row still live at now.
  private static final String TOUCH_SET =
      "last_accessed_at = GREATEST(last_accessed_at, ?),"
          + " idle_expires_at = GREATEST(idle_expires_at, LEAST(?, expires_at))";
  private static final String TOUCH_WHERE = "id = ? AND idle_expires_at > ?";
  private static final String ROTATE_SET = "secret_hash = ?, " + TOUCH_SET + ", version = version + 1";
  private static final String ROTATE_WHERE = "id = ? AND secret_hash = ? AND idle_expires_at > ?";
  private static final String ATTRIBUTES_SET = "attributes = ?, version = version + 1";
  private static final String ATTRIBUTES_WHERE =
      "id = ? AND subject = ? AND version = ? AND idle_expires_at > ?";

  private final DataSource dataSource;
  private final boolean ownsDataSource;
  private final AtomicBoolean closed = new AtomicBoolean();
  private final SqlDialect sql;
  /** The socket read timeout each borrowed connection gets at most, in milliseconds. */
  private final int networkTimeoutMillis;
  /** Cleared when the driver or pool refuses network timeouts (H2 embedded has no socket). */
  private volatile boolean networkTimeoutSupported = true;
  private final SessionRows rows;
  private final String insert;
  private final String selectById;
  private final String touch;
  private final String rotate;
  private final String updateAttributes;
  private final String revokeAll;
  private final String revokeAllBut;
  private final long changeLogRetentionMillis;

  JdbcStore(
      DataSource dataSource, SqlDialect sql, SessionRows rows, Duration statementTimeout, boolean ownsDataSource) {
    this(dataSource, sql, rows, statementTimeout, ownsDataSource, JdbcSessionStore.DEFAULT_CHANGE_LOG_RETENTION);
  }

  JdbcStore(DataSource dataSource, SqlDialect sql, SessionRows rows, Duration statementTimeout,
      boolean ownsDataSource, Duration changeLogRetention) {
    this.dataSource = dataSource;
    this.ownsDataSource = ownsDataSource;
    this.sql = sql.withQueryTimeout((int) statementTimeout.toSeconds());
    this.networkTimeoutMillis = (int) statementTimeout.plus(NETWORK_GRACE).toMillis();
    this.rows = rows;
    this.insert = sql.insert();
    this.selectById = sql.selectById();
    this.touch = sql.updateReturningSql(TOUCH_SET, TOUCH_WHERE);
    // Every write that makes a copy of a session stale logs it (see SqlDialect's change log); a touch
    // only moves deadlines later, which no copy's owner needs to hear of.
    this.rotate = sql.updateLoggedSql(ROTATE_SET, ROTATE_WHERE);
    this.updateAttributes = sql.updateLoggedSql(ATTRIBUTES_SET, ATTRIBUTES_WHERE);
    this.revokeAll = sql.deleteLoggedSql("subject = ?");
    this.revokeAllBut = sql.deleteLoggedSql("subject = ? AND id <> ?");
    this.changeLogRetentionMillis = changeLogRetention.toMillis();
  }

  /** Runs {@code work} on a pooled connection; SQL failures become STORE_UNAVAILABLE. */
  private <T> T run(String operation, Sql.Work<T> work) {
    if (closed.get()) {
      throw new IllegalStateException("the session store is closed");
    }
    SQLException last = null;
    for (int attempt = 1; attempt <= ATTEMPTS; attempt++) {
      try (Connection c = dataSource.getConnection()) {
        boundNetworkWait(c);
        if (!c.getAutoCommit()) {
          // A pool configured with autoCommit=false: single statements would never commit, and
          // Sql.inTransaction would join a transaction nobody ends. (Drivers answer from memory.)
          c.setAutoCommit(true);
        }
        return work.run(c);
      } catch (SQLException e) {
        last = e;
        if (!isTransient(e)) {
          break;
        }
        if (attempt == ATTEMPTS || !backOff(attempt)) {
          break;
        }
        LOG.debug("{} hit a deadlock or serialization failure (attempt {}), retrying", operation, attempt);
      }
    }
    // The message names the operation and the SQL state only, and the cause is a redacted copy:
    // driver messages quote values, a locked row's secret hash among them (H2).
    if (last.getSQLState() != null && last.getSQLState().startsWith("22")) {
      // A data exception is not an outage either: the database answered, but a stored value cannot be
      // converted (PostgreSQL refuses to send text that is not valid UTF-8 out of a SQL_ASCII database).
      throw new SessionException(
          ErrorCode.INTERNAL_ERROR,
          "session store holds or was given data it cannot convert, failing to " + operation
              + " (SQLState " + last.getSQLState() + ")",
          RedactedFailure.of(last));
    }
    if (last.getSQLState() != null && last.getSQLState().startsWith("23")) {
      // An integrity violation is not an outage: a taken id (in practice never) or a bug.
      throw new SessionException(
          ErrorCode.INTERNAL_ERROR,
          "session store refused the data to " + operation + " (SQLState " + last.getSQLState() + ")",
          RedactedFailure.of(last));
    }
    throw new SessionException(
        ErrorCode.STORE_UNAVAILABLE,
        "session store failed to " + operation + " (SQLState " + last.getSQLState() + ")",
        RedactedFailure.of(last));
  }

  /**
   * A query timeout ends a statement the database is slow to answer, but it is carried out by the
   * database (PostgreSQL's driver even sends the cancel over a new connection): when the network is
   * gone, nothing answers and the socket read would wait forever, since drivers default to no socket
   * timeout. So the socket read is bounded too, a little past the query timeout so that a live
   * database's cancel comes first and keeps the connection. A pool puts its own value back when the
   * connection returns; a smaller one configured by the operator is kept.
   */
  private void boundNetworkWait(Connection c) {
    if (!networkTimeoutSupported) {
      return;
    }
    try {
      int current = c.getNetworkTimeout();
      if (current == 0 || current > networkTimeoutMillis) {
        c.setNetworkTimeout(Runnable::run, networkTimeoutMillis);
      }
    } catch (SQLFeatureNotSupportedException | UnsupportedOperationException e) {
      networkTimeoutSupported = false;
      LOG.debug("the driver has no network timeout; statements are bounded by the query timeout only");
    } catch (SQLException e) {
      // A broken connection: the statement that follows fails and reports it.
    }
  }

  /** A random pause that grows with the attempt, so two deadlocked transactions do not meet again. */
  private static boolean backOff(int attempt) {
    try {
      Thread.sleep(java.util.concurrent.ThreadLocalRandom.current().nextLong(1, 5L * attempt + 2));
      return true;
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt(); // interrupted: give up at once, keeping the flag
      return false;
    }
  }

  /** Deadlock or serialization failure: the database rolled the work back, so it can run again. */
  private static boolean isTransient(SQLException e) {
    for (Throwable t = e; t != null; t = t.getCause()) {
      if (t instanceof SQLException s) {
        String state = s.getSQLState();
        // 40001: serialization failure / InnoDB deadlock; 40P01: PostgreSQL deadlock;
        // MariaDB's lock wait timeout (1205) comes as HY000 and is not retried: it already waited.
        if ("40001".equals(state) || "40P01".equals(state)) {
          return true;
        }
      }
    }
    return false;
  }

  @Override
  public CreateOutcome create(StoredSession stored, SubjectCap cap, Instant now) {
    Session session = stored.session();
    Object[] params = rows.insertParams(stored);
    if (!cap.isLimited()) {
      run("create a session", c -> sql.update(c, insert, params));
      return CreateOutcome.created(List.of());
    }
    return run("create a session", c -> underSubjectLock(c, session.subject(),
        tx -> createCapped(tx, session, cap, now, params)));
  }

  /**
   * Runs {@code work} in a READ COMMITTED transaction that first takes the subject's lock, creating
   * the subject's lock row first where the dialect needs one. Every statement that writes several of
   * a subject's rows runs here: capped creates (count, evict, insert), revoke-all and bulk revokes.
   * Holding the subject's lock, they come one at a time per subject, so their row locks cannot form a
   * cycle (the single-row statements beside them hold one row each). PostgreSQL and MariaDB would
   * detect such a deadlock and the store would retry; H2 does not detect it and waited out its lock
   * timeout under the stress test.
   */
  private <T> T underSubjectLock(Connection c, String subject, Sql.Work<T> work) throws SQLException {
    for (int attempt = 0; attempt < ATTEMPTS; attempt++) {
      Optional<T> done = sql.inReadCommittedTransaction(
          c, tx -> sql.lockSubject(tx, subject) ? Optional.of(work.run(tx)) : Optional.empty());
      if (done.isPresent()) {
        return done.get();
      }
      // The subject's first locked write: make its lock row (autocommit), then lock it.
      sql.insertLockRow(c, subject);
    }
    throw new SessionException(
        ErrorCode.INTERNAL_ERROR, "the subject's lock row in " + sql.lockTable + " keeps disappearing");
  }

  /**
   * Counts, evicts or refuses, and inserts, holding the subject's lock. A refusal writes nothing;
   * throwing rolls everything back, so a failed create leaves no trace.
   */
  private CreateOutcome createCapped(
      Connection tx, Session session, SubjectCap cap, Instant now, Object[] params) throws SQLException {
    String subject = session.subject();
    long live = count(tx, subject, now);
    long excess = live - cap.maxSessions() + 1;
    List<Session> evicted = List.of();
    if (excess > 0) {
      if (cap.strategy() == OverflowStrategy.REJECT_NEW) {
        return CreateOutcome.refused();
      }
      List<Object> victims =
          sql.query(tx, rs -> rs.getString(1), sql.evictionVictims(), subject, now.toEpochMilli(),
              session.id().value(), (int) Math.min(excess, Integer.MAX_VALUE));
      evicted = deleteIds(tx, subject, victims);
    }
    sql.update(tx, insert, params);
    return CreateOutcome.created(evicted);
  }

  @Override
  public @Nullable StoredSession findById(SessionId id) {
    return run("look up a session", c -> sql.findById(c, rows, selectById, id.value()));
  }

  @Override
  public Optional<Session> touch(SessionId id, Instant now, Instant idleExpiresAt) {
    long at = now.toEpochMilli();
    Object[] params = {at, idleExpiresAt.toEpochMilli(), id.value(), at};
    // Applied when the row is live afterwards: GREATEST never moves it backwards, so a live row has
    // at least the values this touch asked for.
    return session(run("touch a session",
        c -> sql.updateReturning(c, rows, touch, params, id.value(), row -> !row.session().isExpiredAt(now))));
  }

  @Override
  public Optional<Session> rotate(
      SessionId id, byte[] expectedHash, byte[] newHash, Instant now, Instant idleExpiresAt) {
    long at = now.toEpochMilli();
    Object[] params = {newHash, at, idleExpiresAt.toEpochMilli(), id.value(), expectedHash, at};
    // Applied when the row carries the new hash: fresh random bytes, nobody else can have set them.
    return session(run("rotate a session", c -> sql.updateLogged(c, rows, rotate, params, id.value(),
        row -> MessageDigest.isEqual(row.secretHash(), newHash))));
  }

  @Override
  public AttributeUpdate updateAttributes(
      String subject, SessionId id, long expectedVersion, Map<String, String> attributes, Instant now) {
    long at = now.toEpochMilli();
    Object[] params = {rows.attributesJson(attributes), id.value(), subject, expectedVersion, at};
    StoredSession updated =
        // The version always moves, so the update count is exact here.
        run("update session attributes",
            c -> sql.updateLogged(c, rows, updateAttributes, params, id.value(), row -> false));
    if (updated != null) {
      return AttributeUpdate.updated(updated.session());
    }
    // The update missed: a live session of this subject with another version is a conflict, no
    // live session of this subject is "not found" (the service answers SESSION_NOT_FOUND).
    List<Long> current =
        run("update session attributes",
            c -> sql.query(c, rs -> rs.getLong(1), sql.liveVersion(), id.value(), subject, at));
    return current.isEmpty() ? AttributeUpdate.notFound() : AttributeUpdate.conflict(current.get(0));
  }

  @Override
  public List<Session> list(SessionQuery query) {
    KeysetPosition after = query.after();
    String statement = sql.list(query.sort(), query.direction(), after != null);
    List<Object> params = new ArrayList<>(List.of(query.subject(), query.now().toEpochMilli()));
    if (after != null) {
      params.addAll(List.of(sql.keysetParams(after.sortValue().toEpochMilli(), after.id().value())));
      params.add(query.limit());
    } else {
      params.add(query.limit());
      params.add(query.offset());
    }
    List<StoredSession> found =
        run("list sessions", c -> sql.query(c, rows, statement, params.toArray()));
    List<Session> sessions = new ArrayList<>(found.size());
    for (StoredSession s : found) {
      sessions.add(s.session());
    }
    return sessions;
  }

  @Override
  public long count(String subject, Instant now) {
    return run("count sessions", c -> count(c, subject, now));
  }

  private long count(Connection c, String subject, Instant now) throws SQLException {
    return sql.query(c, rs -> rs.getLong(1), sql.countLive(), subject, now.toEpochMilli()).get(0);
  }

  @Override
  public List<Session> revoke(String subject, Collection<SessionId> ids) {
    if (ids.isEmpty()) {
      return List.of();
    }
    List<Object> values = new ArrayList<>(new LinkedHashSet<>(ids.stream().map(SessionId::value).toList()));
    if (values.size() == 1) {
      return run("revoke sessions", c -> deleteChunk(c, subject, values)); // one row: one statement
    }
    return run("revoke sessions", c -> underSubjectLock(c, subject, tx -> deleteIds(tx, subject, values)));
  }

  /**
   * Deletes the listed sessions of {@code subject} (others' ids match nothing) in chunks, inside the
   * caller's transaction so that a failure revokes none, and returns the last state of each.
   */
  private List<Session> deleteIds(Connection tx, String subject, List<Object> ids) throws SQLException {
    List<Session> revoked = new ArrayList<>();
    for (int from = 0; from < ids.size(); from += IDS_PER_STATEMENT) {
      revoked.addAll(deleteChunk(tx, subject, ids.subList(from, Math.min(ids.size(), from + IDS_PER_STATEMENT))));
    }
    return revoked;
  }

  private List<Session> deleteChunk(Connection c, String subject, List<Object> ids) throws SQLException {
    String statement = sql.deleteLoggedSql("subject = ? AND id IN (" + Sql.placeholders(ids.size()) + ")");
    Object[] params = new Object[ids.size() + 1];
    params[0] = subject;
    for (int i = 0; i < ids.size(); i++) {
      params[i + 1] = ids.get(i);
    }
    return sessions(sql.deleteLogged(c, rows, statement, params));
  }

  @Override
  public List<Session> revokeAll(String subject, @Nullable SessionId keep) {
    return sessions(
        run("revoke sessions", c -> underSubjectLock(c, subject, tx -> keep == null
            ? sql.deleteLogged(tx, rows, revokeAll, new Object[] {subject})
            : sql.deleteLogged(tx, rows, revokeAllBut, new Object[] {subject, keep.value()}))));
  }

  private static List<Session> sessions(List<StoredSession> deleted) {
    List<Session> sessions = new ArrayList<>(deleted.size());
    for (StoredSession s : deleted) {
      sessions.add(s.session());
    }
    return sessions;
  }

  @Override
  public int purgeExpired(Instant now, int batchSize) {
    long started = System.nanoTime();
    int purged = run("purge expired sessions", c -> sql.update(c, sql.purge(), now.toEpochMilli(), batchSize));
    long millis = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - started);
    // One line per batch at DEBUG: the service logs the purge's total at INFO.
    LOG.debug("purge batch removed {} expired sessions from {} in {} ms", purged, sql.table, millis);
    trimChangeLog(batchSize);
    return purged;
  }

  /**
   * Deletes change-log rows older than the retention, by the database's clock, a batch per statement
   * (each its own short transaction) until a batch comes back short. Sources that fell further behind
   * than the retention notice it and invalidate everything (see JdbcInvalidationSource).
   */
  private void trimChangeLog(int batchSize) {
    int trimmed;
    int total = 0;
    do {
      trimmed = run("trim the change log",
          c -> sql.update(c, sql.trimChanges(), changeLogRetentionMillis, batchSize));
      total += trimmed;
    } while (trimmed >= batchSize);
    LOG.debug("trimmed {} rows from {}", total, sql.changesTable);
  }

  /**
   * Stops the store; closes the data source only when the builder handed it over ({@code
   * closeDataSource(true)}). Idempotent.
   */
  @Override
  public void close() {
    if (closed.compareAndSet(false, true) && ownsDataSource && dataSource instanceof AutoCloseable closeable) {
      try {
        closeable.close();
      } catch (Exception e) {
        // The class only: a driver message may quote data.
        LOG.warn("closing the session store's data source failed: {}", e.getClass().getName());
      }
    }
  }

  private static Optional<Session> session(StoredSession stored) {
    return stored == null ? Optional.empty() : Optional.of(stored.session());
  }

  @Override
  public String toString() {
    return "JdbcSessionStore[" + sql.getClass().getSimpleName() + ", table=" + sql.table + "]";
  }
}
