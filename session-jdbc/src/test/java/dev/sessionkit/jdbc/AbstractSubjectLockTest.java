package dev.sessionkit.jdbc;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import com.zaxxer.hikari.HikariDataSource;
import dev.sessionkit.ClientInfo;
import dev.sessionkit.ErrorCode;
import dev.sessionkit.IssuedSession;
import dev.sessionkit.OverflowStrategy;
import dev.sessionkit.SessionException;
import dev.sessionkit.SessionPolicy;
import dev.sessionkit.SessionService;
import dev.sessionkit.testkit.FakeClock;
import dev.sessionkit.spi.SessionStore;
import java.sql.Connection;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.assertj.core.api.ThrowableAssert.ThrowingCallable;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The subject lock is really taken: while another connection holds a subject's lock (PostgreSQL's
 * advisory lock, the lock row elsewhere), a capped login, a revoke-all and a bulk revoke of that
 * subject wait for it (and here fail after the 1 s statement timeout), while a single revoke and other
 * subjects go on; once it is released they all succeed. The concurrency tests show the effect of the
 * lock; this one shows, in a second, that it is taken. A leaf per database.
 */
abstract class AbstractSubjectLockTest {
  private final FakeClock clock = new FakeClock(Instant.parse("2026-01-01T00:00:00Z"));
  private final String table = TestDatabases.newTableName();
  private HikariDataSource pool;
  private SessionService capped;

  abstract TestDatabases database();

  /** Takes the subject's lock on {@code holder}, inside its open transaction, as the store would. */
  abstract void holdSubjectLock(Connection holder, String table, String subject) throws Exception;

  @BeforeEach
  void start() {
    // H2 bounds lock waits by its own LOCK_TIMEOUT, not by the query timeout: one second, as the README says.
    pool = database().newPool("subject-lock", 4, config -> {
      if (database() == TestDatabases.H2) {
        config.setJdbcUrl("jdbc:h2:mem:subject_lock;DB_CLOSE_DELAY=-1;LOCK_TIMEOUT=1000");
      }
    });
    SessionStore store = JdbcSessionStore.builder().dataSource(pool).tableName(table).createSchema(true)
        .statementTimeout(Duration.ofSeconds(1)).build();
    capped = SessionService.builder(store).clock(clock)
        .policy(SessionPolicy.builder().maxSessionsPerSubject(5, OverflowStrategy.REJECT_NEW).build()).build();
  }

  @AfterEach
  void stop() {
    try {
      JdbcSessionStore.dropSchema(pool, database().dialect, table);
    } finally {
      pool.close();
    }
  }

  @Test
  void writesOfSeveralRowsWaitForTheSubjectsLockAndTheRestDoesNot() throws Exception {
    IssuedSession first = capped.issue("alice", ClientInfo.empty()); // makes alice's lock row where needed
    IssuedSession second = capped.issue("alice", ClientInfo.empty());
    try (Connection holder = pool.getConnection()) {
      holder.setAutoCommit(false);
      holdSubjectLock(holder, table, "alice");

      for (ThrowingCallable waits : List.<ThrowingCallable>of(
          () -> capped.issue("alice", ClientInfo.empty()),
          () -> capped.forCurrent(first.session()).revokeOthers(),
          () -> capped.forSubject("alice").revokeList(List.of(first.session().id().value(), "AAAAAAAAAAAAAAAAAAAAAA")))) {
        SessionException e = catchThrowableOfType(SessionException.class, waits);
        assertThat(e).as("a write of several rows while the lock is held").isNotNull();
        assertThat(e.code()).isEqualTo(ErrorCode.STORE_UNAVAILABLE);
      }
      assertThat(capped.issue("bob", ClientInfo.empty()).session().subject()).as("another subject").isEqualTo("bob");
      assertThat(capped.forSubject("alice").revoke(second.session().id().value()).anyRevoked())
          .as("a single revoke takes no subject lock").isTrue();
      holder.rollback();
    }

    assertThat(capped.issue("alice", ClientInfo.empty()).session().subject()).isEqualTo("alice");
    assertThat(capped.forSubject("alice").revokeAll().revokedCount()).isEqualTo(2);
  }
}
