package dev.sessionkit.jdbc;

import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import javax.sql.DataSource;
import org.jspecify.annotations.Nullable;
import org.postgresql.PGConnection;
import org.postgresql.PGNotification;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * LISTENs on the change log's channel over one connection of its own and runs the source's wake-up on
 * each batch of notifications (writers notify in the transaction that logs a change, so it arrives at
 * commit). A daemon thread blocks in pgjdbc's {@code getNotifications(timeout)}. When the connection
 * dies it reconnects, pausing longer after each failed attempt (up to {@link #MAX_BACKOFF}), and wakes
 * the source once: the poll that follows catches up from the durable log, so nothing is lost.
 *
 * <p>Loaded only on PostgreSQL: the only class of the module that uses pgjdbc's API.
 */
final class PostgresNotificationListener implements NotificationListener {
  private static final Logger LOG = LoggerFactory.getLogger(JdbcInvalidationSource.class);

  static final String THREAD_NAME = "sessionkit-invalidation-listener";
  /** How long one wait for notifications lasts: the bound on how long {@link #close()} waits. */
  static final Duration WAIT = Duration.ofMillis(250);
  static final Duration FIRST_BACKOFF = Duration.ofMillis(50);
  static final Duration MAX_BACKOFF = Duration.ofSeconds(5);

  private final DataSource dataSource;
  private final String channel;
  private volatile boolean closed;
  private @Nullable Thread thread;

  PostgresNotificationListener(DataSource dataSource, String channel) {
    this.dataSource = dataSource;
    this.channel = channel;
  }

  /** What the listening connection reports as its application_name, for operators (and tests). */
  static String applicationName(String channel) {
    return "sk-listener " + channel;
  }

  @Override
  public synchronized void start(Runnable wakeUp) {
    if (thread != null || closed) {
      return;
    }
    Thread t = new Thread(() -> listen(wakeUp), THREAD_NAME);
    t.setDaemon(true);
    thread = t;
    t.start();
  }

  private void listen(Runnable wakeUp) {
    boolean failing = false;
    Duration backoff = Duration.ZERO;
    while (!closed) {
      try (Connection c = dataSource.getConnection()) {
        listenOn(c, wakeUp, failing);
        return; // closed
      } catch (SQLException | RuntimeException e) {
        if (closed) {
          return;
        }
        if (!failing) {
          // The class and SQL state only: a driver's message is not ours to vouch for.
          LOG.warn("listening for changes on channel {} failed ({}, SQLState {}); reconnecting",
              channel, e.getClass().getName(), e instanceof SQLException s ? s.getSQLState() : null);
          failing = true;
        }
      }
      if (!pause(backoff)) {
        return;
      }
      backoff = backoff.isZero() ? FIRST_BACKOFF : min(backoff.multipliedBy(2), MAX_BACKOFF);
    }
  }

  private void listenOn(Connection c, Runnable wakeUp, boolean recovering) throws SQLException {
    PGConnection pg = c.unwrap(PGConnection.class); // HikariCP's proxy hands out the driver's connection
    if (!c.getAutoCommit()) {
      c.setAutoCommit(true); // LISTEN takes effect at commit
    }
    String previousName = c.getClientInfo("ApplicationName");
    c.setClientInfo("ApplicationName", applicationName(channel));
    try (Statement st = c.createStatement()) {
      st.execute("LISTEN " + channel);
    }
    try {
      if (recovering) {
        LOG.info("listening for changes on channel {} again", channel);
        wakeUp.run(); // changes logged while the connection was down: the next poll reads them
      }
      while (!closed) {
        PGNotification[] batch = pg.getNotifications((int) WAIT.toMillis());
        if (batch != null && batch.length > 0 && !closed) {
          wakeUp.run();
        }
      }
    } finally {
      // The connection goes back to a pool: it must not keep listening or carry our name.
      try (Statement st = c.createStatement()) {
        st.execute("UNLISTEN " + channel);
        c.setClientInfo("ApplicationName", previousName == null ? "" : previousName);
      } catch (SQLException e) {
        // a broken connection: the pool retires it
      }
    }
  }

  private static Duration min(Duration a, Duration b) {
    return a.compareTo(b) <= 0 ? a : b;
  }

  private boolean pause(Duration backoff) {
    if (backoff.isZero()) {
      return true;
    }
    try {
      Thread.sleep(backoff.toMillis());
      return true;
    } catch (InterruptedException e) {
      return false; // close() interrupts the pause
    }
  }

  @Override
  public void close() {
    Thread t;
    synchronized (this) {
      closed = true;
      t = thread;
    }
    if (t == null || t == Thread.currentThread()) {
      return;
    }
    t.interrupt();
    try {
      t.join(WAIT.multipliedBy(4).plus(MAX_BACKOFF).toMillis());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }
}
