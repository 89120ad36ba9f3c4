package dev.sessionkit.jdbc;

import static org.assertj.core.api.Assertions.assertThat;

import dev.sessionkit.testsupport.Await;
import dev.sessionkit.testsupport.CapturedLogs;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.slf4j.event.Level;

/** The invalidation source on PostgreSQL, where writers notify at commit and the source listens. */
class PostgreSqlInvalidationSourceTest extends AbstractInvalidationSourceTest {
  private static final Duration SHORT = Duration.ofSeconds(5);

  @Override
  TestDatabases database() {
    return TestDatabases.POSTGRESQL;
  }

  @Test
  void aCommittedChangeWakesTheListenerAndAPollReadsIt() throws Exception {
    CountDownLatch woken = new CountDownLatch(1);
    try (JdbcInvalidationSource source = source()) {
      source.onSignal(woken::countDown);
      awaitListening();
      f.store.revoke("alice", List.of(ChangeLogFixture.id('A')));
      assertThat(woken.await(SHORT.toMillis(), TimeUnit.MILLISECONDS)).as("woken at commit").isTrue();
      source.poll(listener);
      assertThat(listener.take()).containsExactly(ChangeLogFixture.id('A').value());
    }
  }

  @Test
  void aNotificationArrivesAtCommitNotBefore() throws Exception {
    AtomicInteger wakeUps = new AtomicInteger();
    try (JdbcInvalidationSource source = source()) {
      source.onSignal(wakeUps::incrementAndGet);
      awaitListening();
      try (Connection slow = f.openWriterHolding(ChangeLogFixture.id('A'));
          PreparedStatement ps = slow.prepareStatement("SELECT pg_notify(?, '')")) {
        ps.setString(1, PostgresDialect.notificationChannel(f.table));
        ps.execute();
        source.poll(listener); // a round trip on another connection: the listener had time to see it
        assertThat(wakeUps).hasValue(0);
        slow.commit();
      }
      Await.until("woken at commit", () -> wakeUps.get() == 1, SHORT);
    }
  }

  @Test
  void aKilledListeningConnectionIsMadeAgainAndWakesOnce() throws Exception {
    CapturedLogs logs = CapturedLogs.of(JdbcInvalidationSource.class);
    AtomicInteger wakeUps = new AtomicInteger();
    try (JdbcInvalidationSource source = source()) {
      source.onSignal(wakeUps::incrementAndGet);
      int pid = awaitListening();
      try (Connection c = f.pool.getConnection();
          PreparedStatement ps = c.prepareStatement("SELECT pg_terminate_backend(?)")) {
        ps.setInt(1, pid);
        ps.execute();
      }
      Await.until("woken after reconnecting", () -> wakeUps.get() == 1, SHORT);
      assertThat(awaitListening()).as("a new connection").isNotEqualTo(pid);
      assertThat(logs.messages(Level.WARN)).singleElement().asString()
          .contains("listening for changes on channel " + f.table + "_changes failed").contains("SQLState");
      assertThat(logs.messages(Level.INFO)).containsExactly(
          "listening for changes on channel " + f.table + "_changes again");

      f.store.revoke("alice", List.of(ChangeLogFixture.id('B')));
      Await.until("woken by a change after reconnecting", () -> wakeUps.get() == 2, SHORT);
    }
  }

  @Test
  void closeStopsTheThreadAndGivesTheConnectionBack() throws Exception {
    JdbcInvalidationSource source = source();
    source.onSignal(() -> {});
    awaitListening();
    source.close();
    source.close();
    assertThat(listeningThreads()).isZero();
    assertThat(listenerPid()).isNull();
    assertThat(f.pool.getHikariPoolMXBean().getActiveConnections()).isZero();
  }

  @Test
  void withNotificationsOffNothingListens() {
    try (JdbcInvalidationSource source = f.source().clock(clock).notifications(false).build()) {
      source.onSignal(() -> {});
      assertThat(listeningThreads()).isZero();
    }
  }

  private static long listeningThreads() {
    return Thread.getAllStackTraces().keySet().stream()
        .filter(t -> t.getName().equals(PostgresNotificationListener.THREAD_NAME) && t.isAlive()).count();
  }

  /** Waits until the listening connection has LISTENed; returns its backend's pid. */
  private int awaitListening() {
    Integer[] pid = new Integer[1];
    Await.until("the source listens", () -> (pid[0] = listenerPid()) != null, SHORT);
    return pid[0];
  }

  private Integer listenerPid() {
    String name = PostgresNotificationListener.applicationName(PostgresDialect.notificationChannel(f.table));
    try (Connection c = f.pool.getConnection();
        PreparedStatement ps = c.prepareStatement(
            "SELECT pid FROM pg_stat_activity WHERE application_name = ? AND query LIKE 'LISTEN%'")) {
      ps.setString(1, name);
      try (ResultSet rs = ps.executeQuery()) {
        return rs.next() ? rs.getInt(1) : null;
      }
    } catch (SQLException e) {
      throw new AssertionError(e);
    }
  }
}
