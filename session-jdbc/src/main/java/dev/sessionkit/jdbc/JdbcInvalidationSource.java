package dev.sessionkit.jdbc;

import dev.sessionkit.ErrorCode;
import dev.sessionkit.SessionException;
import dev.sessionkit.SessionId;
import dev.sessionkit.spi.InvalidationListener;
import dev.sessionkit.spi.InvalidationSource;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.SQLFeatureNotSupportedException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import javax.sql.DataSource;
import org.jspecify.annotations.NullMarked;
import org.jspecify.annotations.Nullable;

/**
 * The {@link InvalidationSource} of the JDBC store: reads the change log ({@code <table>_changes})
 * that every node's {@link JdbcSessionStore} appends to when a write makes copies of a session stale
 * (revokes, cap evictions, rotations, attribute updates), in the write's own transaction.
 *
 * <pre>{@code
 * InvalidationSource source = JdbcInvalidationSource.builder()
 *     .dataSource(hikari)                  // the store's pool will do
 *     .tableName("sessionkit_sessions")    // the store's table
 *     .build();                            // reads from here on: only changes after this
 * }</pre>
 *
 * <p>A poll reads the log from its position in batches, delivers each session once, and moves the
 * position over sequences with nothing missing below them. A sequence can be missing for a while (its
 * transaction has not committed yet, and later ones have) or for good (it rolled back); a hole open
 * longer than the {@linkplain Builder#gapTimeout gap timeout} is taken for a rollback, passed over, and
 * reported with {@link InvalidationListener#invalidateAll()}. A source that has not completed a poll
 * for longer than the log's retention minus the gap timeout may have missed trimmed rows: it invalidates
 * everything and starts again from the log's end.
 *
 * <p>On PostgreSQL the source can also be woken: writers {@code pg_notify} at commit, and {@link
 * #onSignal} listens on a connection of its own (one of the pool's, held until {@link #close()}). On
 * MariaDB and H2 it can only be polled.
 */
@NullMarked
public final class JdbcInvalidationSource implements InvalidationSource {
  /** The default {@linkplain Builder#gapTimeout gap timeout}. */
  public static final Duration DEFAULT_GAP_TIMEOUT = Duration.ofSeconds(30);

  /** Log rows per read. */
  static final int BATCH = 500;

  private final DataSource dataSource;
  private final SqlDialect sql;
  private final Duration gapTimeout;
  private final Duration vouchFor;
  private final Clock clock;
  private final int networkTimeoutMillis;
  private final @Nullable NotificationListener notifications;
  private ChangeLogCursor cursor;
  /** When the last poll that completed began (the source's creation at first). */
  private Instant lastRead;

  private JdbcInvalidationSource(Builder b, JdbcDialect dialect) {
    this.dataSource = Objects.requireNonNull(b.dataSource);
    this.sql = SqlDialect.of(dialect, b.tableName)
        .withQueryTimeout((int) JdbcSessionStore.DEFAULT_STATEMENT_TIMEOUT.toSeconds());
    this.networkTimeoutMillis =
        (int) JdbcSessionStore.DEFAULT_STATEMENT_TIMEOUT.plus(JdbcStore.NETWORK_GRACE).toMillis();
    this.gapTimeout = b.gapTimeout;
    this.vouchFor = b.changeLogRetention.minus(b.gapTimeout);
    this.clock = b.clock;
    Instant now = clock.instant();
    this.cursor = read("read the change log's end", c -> startingPoint(c, now));
    this.lastRead = now;
    this.notifications = dialect == JdbcDialect.POSTGRESQL && b.notifications
        ? new PostgresNotificationListener(dataSource, PostgresDialect.notificationChannel(b.tableName))
        : null;
  }

  /**
   * Starts a builder.
   *
   * @return a new builder
   */
  public static Builder builder() {
    return new Builder();
  }

  /**
   * Where a source starts: after the highest sequence logged more than two gap timeouts ago by the
   * database's clock (every sequence below it was taken earlier still, so its transaction has ended),
   * with every row logged since counted as read. So it delivers nothing logged before it was made, and
   * misses nothing a transaction still open then commits later. The log keeps its newest row through
   * trims, so after a quiet spell the start is that row.
   */
  private ChangeLogCursor startingPoint(Connection c, Instant now) throws SQLException {
    List<Long> settled =
        sql.query(c, rs -> rs.getLong(1), sql.settledSequence(), gapTimeout.multipliedBy(2).toMillis());
    long position = settled.isEmpty() ? 0 : settled.get(0);
    List<Long> logged = new ArrayList<>();
    long after = position;
    List<Long> batch;
    do {
      batch = sql.query(c, rs -> rs.getLong(1), sql.changesAfter(), after, BATCH);
      logged.addAll(batch);
      after = batch.isEmpty() ? after : batch.get(batch.size() - 1);
    } while (batch.size() == BATCH);
    return new ChangeLogCursor(position, logged, now);
  }

  /**
   * {@inheritDoc}
   *
   * @throws SessionException {@link ErrorCode#STORE_UNAVAILABLE} when the log cannot be read; the
   *     position does not move
   */
  @Override
  public void poll(InvalidationListener listener) {
    Objects.requireNonNull(listener, "listener");
    Instant started = clock.instant();
    if (Duration.between(lastRead, started).compareTo(vouchFor) > 0) {
      // Rows this source has not read may have been trimmed meanwhile: start again from the end.
      cursor = read("read the change log's end", c -> startingPoint(c, started));
      lastRead = started;
      listener.invalidateAll();
      return;
    }
    boolean unreadable = read("read the change log", c -> deliver(c, listener, started));
    boolean passedHole = cursor.advance(started, gapTimeout);
    lastRead = started;
    if (passedHole || unreadable) {
      listener.invalidateAll();
    }
  }

  /** Reads from the position on; returns true when a row named no valid session (edited by hand). */
  private boolean deliver(Connection c, InvalidationListener listener, Instant now) throws SQLException {
    boolean unreadable = false;
    long after = cursor.position();
    List<Object[]> batch;
    do {
      batch = sql.query(c, rs -> new Object[] {rs.getLong(1), rs.getString(2)}, sql.changesAfter(), after, BATCH);
      for (Object[] row : batch) {
        long seq = (Long) row[0];
        if (cursor.firstRead(seq, now)) {
          SessionId id = sessionId((String) row[1]);
          if (id == null) {
            unreadable = true;
          } else {
            listener.invalidate(id);
          }
        }
        after = seq;
      }
    } while (batch.size() == BATCH);
    return unreadable;
  }

  private static @Nullable SessionId sessionId(@Nullable String value) {
    try {
      return value == null ? null : SessionId.of(value);
    } catch (SessionException e) {
      return null;
    }
  }

  private <T> T read(String operation, Sql.Work<T> work) {
    try (Connection c = dataSource.getConnection()) {
      boundNetworkWait(c);
      if (!c.getAutoCommit()) {
        c.setAutoCommit(true);
      }
      return work.run(c);
    } catch (SQLException e) {
      throw new SessionException(ErrorCode.STORE_UNAVAILABLE,
          "invalidation source failed to " + operation + " (SQLState " + e.getSQLState() + ")", RedactedFailure.of(e));
    }
  }

  /** As the store does: a dead network must not hold a poll longer than a statement may take. */
  private void boundNetworkWait(Connection c) {
    try {
      int current = c.getNetworkTimeout();
      if (current == 0 || current > networkTimeoutMillis) {
        c.setNetworkTimeout(Runnable::run, networkTimeoutMillis);
      }
    } catch (SQLFeatureNotSupportedException | UnsupportedOperationException e) {
      // H2 embedded: no socket
    } catch (SQLException e) {
      // a broken connection: the statement that follows reports it
    }
  }

  /**
   * On PostgreSQL with notifications on (the default), starts listening: {@code wakeUp} runs from the
   * thread {@value PostgresNotificationListener#THREAD_NAME} on each batch of notifications, and once
   * after the listening connection was lost and made again. Elsewhere it does nothing. Call it once.
   */
  @Override
  public void onSignal(Runnable wakeUp) {
    Objects.requireNonNull(wakeUp, "wakeUp");
    if (notifications != null) {
      notifications.start(wakeUp);
    }
  }

  /** Stops listening and gives the listening connection back. Idempotent. */
  @Override
  public void close() {
    if (notifications != null) {
      notifications.close();
    }
  }

  @Override
  public String toString() {
    return "JdbcInvalidationSource[" + sql.getClass().getSimpleName() + ", table=" + sql.table + "]";
  }

  /** Configures a source; only the data source is required. Not thread-safe. */
  public static final class Builder {
    private @Nullable DataSource dataSource;
    private @Nullable JdbcDialect dialect;
    private String tableName = JdbcSessionStore.DEFAULT_TABLE_NAME;
    private boolean notifications = true;
    private Duration gapTimeout = DEFAULT_GAP_TIMEOUT;
    private Duration changeLogRetention = JdbcSessionStore.DEFAULT_CHANGE_LOG_RETENTION;
    private Clock clock = Clock.systemUTC();

    private Builder() {}

    /**
     * The data source of the store's database; the store's pool will do.
     *
     * @param dataSource the data source
     * @return this builder
     */
    public Builder dataSource(DataSource dataSource) {
      this.dataSource = Objects.requireNonNull(dataSource, "dataSource");
      return this;
    }

    /**
     * The SQL dialect; without it {@link #build()} asks the database.
     *
     * @param dialect the dialect
     * @return this builder
     */
    public Builder dialect(JdbcDialect dialect) {
      this.dialect = Objects.requireNonNull(dialect, "dialect");
      return this;
    }

    /**
     * The store's session table; the log is {@code <tableName>_changes}.
     *
     * @param tableName as given to {@link JdbcSessionStore.Builder#tableName}
     * @return this builder
     * @throws IllegalArgumentException if the name is not a valid table name
     */
    public Builder tableName(String tableName) {
      this.tableName = JdbcSessionStore.checkTableName(tableName);
      return this;
    }

    /**
     * Whether {@link JdbcInvalidationSource#onSignal} listens for PostgreSQL notifications (holding one
     * connection of the data source). On by default; ignored on MariaDB and H2, which have none.
     *
     * @param notifications false to rely on polling alone
     * @return this builder
     */
    public Builder notifications(boolean notifications) {
      this.notifications = notifications;
      return this;
    }

    /**
     * How long a missing sequence may stay missing before it is taken for a rollback: longer than any
     * write transaction of the store can last (its statement timeout is 5 seconds by default).
     *
     * @param gapTimeout positive; 30 seconds by default
     * @return this builder
     * @throws IllegalArgumentException if it is zero or negative
     */
    public Builder gapTimeout(Duration gapTimeout) {
      Objects.requireNonNull(gapTimeout, "gapTimeout");
      if (gapTimeout.isNegative() || gapTimeout.isZero()) {
        throw new IllegalArgumentException("gapTimeout must be positive, was " + gapTimeout);
      }
      this.gapTimeout = gapTimeout;
      return this;
    }

    /**
     * The stores' {@link JdbcSessionStore.Builder#changeLogRetention}: a source that completed no poll
     * for longer than this minus the gap timeout invalidates everything.
     *
     * @param retention positive, more than twice the gap timeout; 1 hour by default
     * @return this builder
     * @throws IllegalArgumentException if it is zero or negative
     */
    public Builder changeLogRetention(Duration retention) {
      this.changeLogRetention = JdbcSessionStore.checkRetention(retention);
      return this;
    }

    /**
     * The clock that times holes and the time since the last poll; the system's by default. (The log's
     * own times are the database's.)
     *
     * @param clock the clock
     * @return this builder
     */
    public Builder clock(Clock clock) {
      this.clock = Objects.requireNonNull(clock, "clock");
      return this;
    }

    /**
     * Builds the source, positioned at the end of the log: it delivers changes logged from now on.
     *
     * @return the source
     * @throws IllegalStateException if no data source was set, the retention is not more than twice the
     *     gap timeout, the dialect cannot be detected or the change log is missing
     * @throws SessionException {@link ErrorCode#STORE_UNAVAILABLE} when the database cannot be read
     */
    public JdbcInvalidationSource build() {
      if (dataSource == null) {
        throw new IllegalStateException("a data source is required");
      }
      if (changeLogRetention.compareTo(gapTimeout.multipliedBy(2)) <= 0) {
        throw new IllegalStateException("changeLogRetention (" + changeLogRetention
            + ") must be more than twice the gapTimeout (" + gapTimeout + ")");
      }
      JdbcDialect resolved = dialect;
      try (Connection c = dataSource.getConnection()) {
        if (resolved == null) {
          resolved = JdbcDialect.detect(c);
        }
        SchemaCheck.verifyChangeLog(c, resolved, tableName);
      } catch (SQLException e) {
        throw new SessionException(
            ErrorCode.STORE_UNAVAILABLE, "cannot reach the change log's database", RedactedFailure.of(e));
      }
      return new JdbcInvalidationSource(this, resolved);
    }
  }
}
