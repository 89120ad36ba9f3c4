package dev.sessionkit.jdbc;

import static dev.sessionkit.jdbc.ChangeLogFixture.id;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.sessionkit.ErrorCode;
import dev.sessionkit.SessionException;
import dev.sessionkit.testkit.FakeClock;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * {@link JdbcInvalidationSource} against the real database: order, start, out-of-order commits with a
 * transaction really held open, rollback holes, trimming, and outages. A leaf per database.
 */
abstract class AbstractInvalidationSourceTest {
  static final Duration GAP = JdbcInvalidationSource.DEFAULT_GAP_TIMEOUT;
  static final Duration RETENTION = JdbcSessionStore.DEFAULT_CHANGE_LOG_RETENTION;

  final FakeClock clock = new FakeClock(Instant.parse("2026-01-01T00:00:00Z"));
  final RecordingListener listener = new RecordingListener();
  ChangeLogFixture f;

  abstract TestDatabases database();

  @BeforeEach
  void open() {
    f = new ChangeLogFixture(database());
    for (char c : "ABCDEFGH".toCharArray()) {
      f.create(c, "alice", c - 'A');
    }
  }

  @AfterEach
  void close() {
    f.close();
  }

  JdbcInvalidationSource source() {
    return f.source().clock(clock).build();
  }

  private void revoke(char c) {
    f.store.revoke("alice", List.of(id(c)));
  }

  private static String v(char c) {
    return id(c).value();
  }

  @Test
  void deliversInOrderOnlyWhatWasLoggedAfterItWasMadeAndEachOnce() {
    revoke('A');
    revoke('B');
    try (JdbcInvalidationSource source = source()) {
      source.poll(listener);
      assertThat(listener.take()).as("logged before the source was made").isEmpty();

      revoke('C');
      revoke('E');
      revoke('D');
      source.poll(listener);
      assertThat(listener.take()).containsExactly(v('C'), v('E'), v('D'));
      source.poll(listener);
      assertThat(listener.take()).isEmpty();
    }
  }

  @Test
  void readsPastABatchInOrder() throws SQLException {
    try (JdbcInvalidationSource source = source(); Connection c = f.pool.getConnection()) {
      String[] ids = new String[JdbcInvalidationSource.BATCH * 2 + 3];
      for (int i = 0; i < ids.length; i++) {
        ids[i] = String.format("%021dA", i);
      }
      f.sql.appendChanges(c, List.of(ids));
      source.poll(listener);
      assertThat(listener.take()).containsExactly(ids);
    }
  }

  /**
   * A writer took a sequence and has not committed; a later one has. The later change is delivered at
   * once, the position waits below the hole, and the held change is delivered when it commits, once.
   */
  @Test
  void aChangeCommittedOutOfOrderIsDeliveredWhenItCommits() throws SQLException {
    try (JdbcInvalidationSource source = source()) {
      try (Connection slow = f.openWriterHolding(id('A'))) {
        revoke('B');
        source.poll(listener);
        assertThat(listener.take()).containsExactly(v('B'));

        clock.advance(GAP); // not longer than the gap timeout: the hole may still fill
        source.poll(listener);
        assertThat(listener.take()).isEmpty();

        slow.commit();
      }
      source.poll(listener);
      assertThat(listener.take()).containsExactly(v('A'));
      revoke('C');
      source.poll(listener);
      assertThat(listener.take()).containsExactly(v('C'));
    }
  }

  /** A sequence taken by a transaction open when the source was made is not lost when it commits later. */
  @Test
  void aTransactionOpenWhenTheSourceWasMadeIsDeliveredWhenItCommits() throws SQLException {
    try (Connection slow = f.openWriterHolding(id('A'))) {
      revoke('B');
      try (JdbcInvalidationSource source = source()) {
        slow.commit();
        source.poll(listener);
        assertThat(listener.take()).as("B was logged before; A commits after").containsExactly(v('A'));
      }
    }
  }

  @Test
  void aHoleOpenLongerThanTheGapTimeoutIsARollbackAndInvalidatesAllOnce() throws SQLException {
    try (JdbcInvalidationSource source = source()) {
      try (Connection slow = f.openWriterHolding(id('A'))) {
        revoke('B');
        source.poll(listener);
        assertThat(listener.take()).containsExactly(v('B'));
        slow.rollback();
      }
      clock.advance(GAP); // not longer than the gap timeout yet
      source.poll(listener);
      assertThat(listener.take()).isEmpty();

      clock.advance(Duration.ofMillis(1));
      source.poll(listener);
      assertThat(listener.take()).as("the hole is passed over, once").containsExactly("*");
      source.poll(listener);
      revoke('D');
      source.poll(listener);
      assertThat(listener.take()).containsExactly(v('D'));
    }
  }

  @Test
  void aSourceThatFellBehindTheRetentionInvalidatesAllAndStartsAgainAtTheEnd() throws SQLException {
    try (JdbcInvalidationSource source = source()) {
      revoke('A');
      clock.advance(RETENTION.minus(GAP)); // exactly the bound: still vouched for
      source.poll(listener);
      assertThat(listener.take()).containsExactly(v('A'));

      revoke('B');
      revoke('C');
      f.ageLog(RETENTION.plusMinutes(1));
      f.store.purgeExpired(ChangeLogFixture.NOW, 100); // B is trimmed, C is kept as the newest
      assertThat(f.logged()).containsExactly(v('C'));
      clock.advance(RETENTION.minus(GAP).plusMillis(1));
      source.poll(listener);
      assertThat(listener.take()).containsExactly("*");

      revoke('D');
      source.poll(listener);
      assertThat(listener.take()).containsExactly(v('D'));
    }
  }

  @Test
  void aPollOnADeadDatabaseFailsWithStoreUnavailableAndTheNextOneResumes() {
    SwitchableDataSource switchable = new SwitchableDataSource(f.pool);
    try (JdbcInvalidationSource source =
        JdbcInvalidationSource.builder().dataSource(switchable).tableName(f.table).clock(clock).build()) {
      revoke('A');
      switchable.down = true;
      assertThatThrownBy(() -> source.poll(listener))
          .isInstanceOf(SessionException.class)
          .satisfies(e -> assertThat(((SessionException) e).code()).isEqualTo(ErrorCode.STORE_UNAVAILABLE))
          .hasMessageContaining("change log")
          .hasCauseInstanceOf(SQLException.class);
      revoke('B');
      switchable.down = false;
      source.poll(listener);
      assertThat(listener.take()).containsExactly(v('A'), v('B'));
    }
  }

  @Test
  void aRowThatNamesNoSessionInvalidatesAll() throws SQLException {
    try (JdbcInvalidationSource source = source(); Connection c = f.pool.getConnection()) {
      f.sql.appendChanges(c, List.of("not an id!"));
      revoke('A');
      source.poll(listener);
      assertThat(listener.take()).containsExactly(v('A'), "*");
    }
  }

  @Test
  void settingsAreChecked() {
    assertThatThrownBy(() -> JdbcInvalidationSource.builder().gapTimeout(Duration.ZERO))
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> JdbcInvalidationSource.builder().gapTimeout(Duration.ofSeconds(-1)))
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> JdbcInvalidationSource.builder().build())
        .isInstanceOf(IllegalStateException.class).hasMessageContaining("data source");
    assertThatThrownBy(() -> f.source().gapTimeout(Duration.ofMinutes(30)).build())
        .isInstanceOf(IllegalStateException.class).hasMessageContaining("twice the gapTimeout");
    f.source().gapTimeout(Duration.ofMinutes(29)).build().close();
    assertThatThrownBy(() -> f.source().tableName("no_such_table").build())
        .isInstanceOf(IllegalStateException.class).hasMessageContaining("no_such_table_changes");
  }

  @Test
  void onlyPostgreSqlListens() {
    try (JdbcInvalidationSource source = source()) {
      source.onSignal(() -> {});
      boolean listening = Thread.getAllStackTraces().keySet().stream()
          .anyMatch(t -> t.getName().equals(PostgresNotificationListener.THREAD_NAME) && t.isAlive());
      assertThat(listening).isEqualTo(database() == TestDatabases.POSTGRESQL);
    }
  }
}
