package dev.sessionkit.jdbc;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import com.zaxxer.hikari.HikariDataSource;
import dev.sessionkit.ClientInfo;
import dev.sessionkit.ErrorCode;
import dev.sessionkit.IssuedSession;
import dev.sessionkit.OverflowStrategy;
import dev.sessionkit.Session;
import dev.sessionkit.SessionException;
import dev.sessionkit.SessionId;
import dev.sessionkit.SessionService;
import dev.sessionkit.SortDirection;
import dev.sessionkit.SortField;
import dev.sessionkit.testkit.FakeClock;
import dev.sessionkit.spi.SessionQuery;
import dev.sessionkit.spi.SessionStore;
import dev.sessionkit.spi.StoredSession;
import dev.sessionkit.spi.SubjectCap;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.assertj.core.api.ThrowableAssert.ThrowingCallable;
import org.junit.jupiter.api.Test;

/** Database failures surface as STORE_UNAVAILABLE with the cause kept, and leave nothing half-written. */
class StoreFailureTest {
  private static final Instant NOW = Instant.parse("2026-01-01T00:00:00Z");
  private static final SessionId ID = SessionId.of("AAAAAAAAAAAAAAAAAAAAAA");

  private static SessionException assertUnavailable(ThrowingCallable call) {
    SessionException e = catchThrowableOfType(SessionException.class, call);
    assertThat(e).as("a SessionException").isNotNull();
    assertThat(e.code()).isEqualTo(ErrorCode.STORE_UNAVAILABLE);
    assertThat(e.getCause()).isInstanceOf(SQLException.class);
    return e;
  }

  private static StoredSession stored(String id, String subject, Instant at) {
    Session s = new Session(SessionId.of(id), subject, at, at, at.plus(Duration.ofDays(1)),
        at.plus(Duration.ofHours(1)), 1, ClientInfo.empty(), Map.of());
    return new StoredSession(s, new byte[32]);
  }

  @Test
  void everyOperationOnAnUnreachableDatabaseIsStoreUnavailableWithTheCause() {
    // build() checks the tables, so it cannot be reached with the database down: a store the database
    // left after it was built.
    assertUnavailable(() -> JdbcSessionStore.builder().dataSource(new UnreachableDataSource()).dialect(JdbcDialect.H2)
        .build());
    SessionStore store = new JdbcStore(new UnreachableDataSource(),
        SqlDialect.of(JdbcDialect.H2, JdbcSessionStore.DEFAULT_TABLE_NAME),
        new SessionRows(new com.fasterxml.jackson.databind.ObjectMapper()), JdbcSessionStore.DEFAULT_STATEMENT_TIMEOUT, false);
    byte[] hash = new byte[32];

    SessionException e = assertUnavailable(() -> store.findById(ID));
    assertThat(e.getCause()).hasMessageEndingWith(UnreachableDataSource.MESSAGE);
    assertThat(((SQLException) e.getCause()).getSQLState()).isEqualTo("08001");
    assertUnavailable(() -> store.create(stored("BBBBBBBBBBBBBBBBBBBBBA", "alice", NOW), SubjectCap.NONE, NOW));
    assertUnavailable(() -> store.create(stored("BBBBBBBBBBBBBBBBBBBBBA", "alice", NOW),
        new SubjectCap(2, OverflowStrategy.REJECT_NEW), NOW));
    assertUnavailable(() -> store.touch(ID, NOW, NOW.plusSeconds(60)));
    assertUnavailable(() -> store.rotate(ID, hash, hash, NOW, NOW.plusSeconds(60)));
    assertUnavailable(() -> store.updateAttributes("alice", ID, 1, Map.of(), NOW));
    assertUnavailable(() -> store.list(
        new SessionQuery("alice", NOW, SortField.LAST_ACCESSED, SortDirection.DESCENDING, 0, 10, null)));
    assertUnavailable(() -> store.count("alice", NOW));
    assertUnavailable(() -> store.revoke("alice", List.of(ID)));
    assertUnavailable(() -> store.revokeAll("alice", null));
    assertUnavailable(() -> store.purgeExpired(NOW, 10));
  }

  @Test
  void aClosedPoolMakesTheServiceAnswerStoreUnavailableWithoutTheToken() {
    HikariDataSource pool = TestDatabases.H2.newPool("closed-pool", 2);
    String table = TestDatabases.newTableName();
    try {
      SessionStore store = JdbcSessionStore.builder().dataSource(pool).tableName(table).createSchema(true).build();
      SessionService service = SessionService.builder(store).clock(new FakeClock(NOW)).build();
      IssuedSession issued = service.issue("alice", ClientInfo.empty());
      String token = issued.token().value();
      JdbcSessionStore.dropSchema(pool, JdbcDialect.H2, table);
      pool.close();

      SessionException e = assertUnavailable(() -> service.validate(token));
      assertThat(e.getMessage()).doesNotContain(token).doesNotContain(token.substring(22));
      assertUnavailable(() -> service.issue("alice", ClientInfo.empty()));
    } finally {
      pool.close();
    }
  }

  @Test
  void aCappedCreateThatFailsAfterEvictingRollsTheEvictionBack() {
    HikariDataSource pool = TestDatabases.H2.newPool("rollback", 2);
    String table = TestDatabases.newTableName();
    try {
      SessionStore store = JdbcSessionStore.builder().dataSource(pool).tableName(table).createSchema(true).build();
      SubjectCap cap = new SubjectCap(2, OverflowStrategy.EVICT_LEAST_RECENTLY_USED);
      StoredSession first = stored("CCCCCCCCCCCCCCCCCCCCCA", "alice", NOW);
      StoredSession second = stored("DDDDDDDDDDDDDDDDDDDDDA", "alice", NOW.plusSeconds(1));
      store.create(first, cap, NOW);
      store.create(second, cap, NOW.plusSeconds(1));

      // The cap evicts "first" to make room, then the insert fails (the id is taken): the whole
      // create must roll back, eviction included.
      SessionException e = catchThrowableOfType(SessionException.class, () -> store.create(second, cap, NOW.plusSeconds(2)));
      assertThat(e.code()).isEqualTo(ErrorCode.INTERNAL_ERROR);
      assertThat(((SQLException) e.getCause()).getSQLState()).startsWith("23");

      assertThat(store.findById(first.session().id())).isEqualTo(first);
      assertThat(store.findById(second.session().id())).isEqualTo(second);
      assertThat(store.count("alice", NOW.plusSeconds(2))).isEqualTo(2);
      JdbcSessionStore.dropSchema(pool, JdbcDialect.H2, table);
    } finally {
      pool.close();
    }
  }
}
