package dev.sessionkit.jdbc;

import static dev.sessionkit.jdbc.ChangeLogFixture.NOW;
import static dev.sessionkit.jdbc.ChangeLogFixture.hash;
import static dev.sessionkit.jdbc.ChangeLogFixture.id;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.sessionkit.ClientInfo;
import dev.sessionkit.ErrorCode;
import dev.sessionkit.OverflowStrategy;
import dev.sessionkit.Session;
import dev.sessionkit.SessionException;
import dev.sessionkit.spi.SessionStore;
import dev.sessionkit.spi.StoredSession;
import dev.sessionkit.spi.SubjectCap;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Every write that makes a copy of a session stale logs exactly the sessions it changed, only when it
 * succeeded and in its own transaction; touches and purges log nothing; purges trim old rows by the
 * database's clock. A leaf per database.
 */
abstract class AbstractChangeLogWritesTest {
  private ChangeLogFixture f;
  private SessionStore store;

  abstract TestDatabases database();

  @BeforeEach
  void open() {
    f = new ChangeLogFixture(database());
    store = f.store;
  }

  @AfterEach
  void close() {
    f.close();
  }

  private static String v(char c) {
    return id(c).value();
  }

  @Test
  void revokesLogExactlyTheSessionsTheyRemoved() throws Exception {
    f.create('A', "alice", 0);
    f.create('B', "alice", 1);
    f.create('C', "alice", 2);
    f.create('D', "bob", 3);

    store.revoke("alice", List.of(id('A')));
    assertThat(f.logged()).containsExactly(v('A'));
    store.revoke("alice", List.of(id('A')));
    store.revoke("alice", List.of(id('D'))); // bob's: not alice's to revoke
    assertThat(f.logged()).as("nothing removed, nothing logged").containsExactly(v('A'));

    store.revoke("alice", List.of(id('B'), id('C'), id('D'), id('E')));
    assertThat(f.logged().subList(1, f.logged().size())).containsExactlyInAnyOrder(v('B'), v('C'));
  }

  @Test
  void revokeAllLogsTheRemovedSessionsWithOrWithoutTheKeptOne() throws Exception {
    f.create('A', "alice", 0);
    f.create('B', "alice", 1);
    f.create('C', "alice", 2);
    f.create('D', "bob", 3);

    store.revokeAll("alice", id('B'));
    assertThat(f.logged()).containsExactlyInAnyOrder(v('A'), v('C'));
    store.revokeAll("alice", null);
    assertThat(f.logged()).containsExactlyInAnyOrder(v('A'), v('C'), v('B'));
    store.revokeAll("alice", null);
    assertThat(f.logged()).hasSize(3);
  }

  @Test
  void rotationsAndAttributeUpdatesLogOnlyWhenTheyApply() throws Exception {
    f.create('A', "alice", 0);
    Instant later = NOW.plus(Duration.ofMinutes(5));

    assertThat(store.rotate(id('A'), hash('X'), hash('Y'), later, later.plus(Duration.ofHours(1)))).isEmpty();
    assertThat(f.logged()).as("wrong hash: not rotated, not logged").isEmpty();
    assertThat(store.rotate(id('A'), hash('A'), hash('Y'), later, later.plus(Duration.ofHours(1)))).isPresent();
    assertThat(f.logged()).containsExactly(v('A'));

    long version = store.findById(id('A')).session().version();
    assertThat(store.updateAttributes("alice", id('A'), version + 7, Map.of("k", "v"), later).isUpdated()).isFalse();
    assertThat(store.updateAttributes("bob", id('A'), version, Map.of("k", "v"), later).isUpdated()).isFalse();
    assertThat(f.logged()).as("conflict or another subject: not logged").containsExactly(v('A'));
    assertThat(store.updateAttributes("alice", id('A'), version, Map.of("k", "v"), later).isUpdated()).isTrue();
    assertThat(f.logged()).containsExactly(v('A'), v('A'));
  }

  @Test
  void touchesAndPurgesOfExpiredSessionsLogNothing() throws Exception {
    f.create('A', "alice", 0);
    f.create('B', "alice", 1);
    Instant later = NOW.plus(Duration.ofMinutes(5));
    assertThat(store.touch(id('A'), later, later.plus(Duration.ofHours(1)))).isPresent();

    assertThat(store.purgeExpired(NOW.plus(Duration.ofHours(2)), 100)).isEqualTo(2);
    assertThat(f.logged()).isEmpty();
  }

  @Test
  void aCappedCreateLogsTheSessionsItEvictedAndARefusalLogsNothing() throws Exception {
    f.create('A', "alice", 0);
    f.create('B', "alice", 1);
    f.create('C', "alice", 2);

    store.create(stored('E', "alice"), new SubjectCap(2, OverflowStrategy.EVICT_LEAST_RECENTLY_USED), NOW);
    assertThat(f.logged()).containsExactlyInAnyOrder(v('A'), v('B'));
    store.create(stored('F', "alice"), new SubjectCap(2, OverflowStrategy.REJECT_NEW), NOW);
    assertThat(f.logged()).hasSize(2);
  }

  /** The eviction happens, then the insert fails (a taken id): rolled back, the log with it. */
  @Test
  void aWriteThatRollsBackLeavesNoLogRow() throws Exception {
    f.create('A', "alice", 0);
    f.create('B', "alice", 1);
    f.create('C', "bob", 2);

    assertThatThrownBy(() -> store.create(stored('C', "alice"), new SubjectCap(1, OverflowStrategy.EVICT_LEAST_RECENTLY_USED), NOW))
        .isInstanceOf(SessionException.class)
        .extracting(e -> ((SessionException) e).code()).isEqualTo(ErrorCode.INTERNAL_ERROR);
    assertThat(store.findById(id('A'))).as("the eviction rolled back").isNotNull();
    assertThat(f.logged()).isEmpty();
  }

  @Test
  void purgesTrimLogRowsOlderThanTheRetentionByTheDatabasesClockButNeverTheNewest() throws Exception {
    for (char c : "ABCDE".toCharArray()) {
      f.create(c, "alice", c - 'A');
    }
    store.revoke("alice", List.of(id('A')));
    store.revoke("alice", List.of(id('B')));
    f.ageLog(Duration.ofMinutes(61));
    store.revoke("alice", List.of(id('C')));
    store.revoke("alice", List.of(id('D')));

    store.purgeExpired(NOW, 1); // batches of one: the trim goes on until a batch comes back short
    assertThat(f.logged()).as("older than the default hour").containsExactly(v('C'), v('D'));

    f.ageLog(Duration.ofMinutes(61));
    store.purgeExpired(NOW, 100);
    assertThat(f.logged()).as("the newest row stays, where new sources start").containsExactly(v('D'));

    store.revoke("alice", List.of(id('E')));
    f.ageLog(Duration.ofMinutes(9));
    SessionStore tenMinutes = JdbcSessionStore.builder().dataSource(f.pool).tableName(f.table)
        .changeLogRetention(Duration.ofMinutes(10)).build();
    tenMinutes.purgeExpired(NOW, 100);
    assertThat(f.logged()).as("younger than 10 minutes").containsExactly(v('D'), v('E'));
    f.ageLog(Duration.ofMinutes(11));
    tenMinutes.purgeExpired(NOW, 100);
    assertThat(f.logged()).containsExactly(v('E'));
  }

  @Test
  void theRetentionMustBePositive() {
    for (Duration bad : List.of(Duration.ZERO, Duration.ofSeconds(-1))) {
      assertThatThrownBy(() -> JdbcSessionStore.builder().changeLogRetention(bad))
          .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("changeLogRetention must be positive");
    }
  }

  private static StoredSession stored(char id, String subject) {
    Session s = new Session(id(id), subject, NOW, NOW, NOW.plus(Duration.ofDays(1)), NOW.plus(Duration.ofHours(1)), 1,
        ClientInfo.empty(), Map.of());
    return new StoredSession(s, hash(id));
  }
}
