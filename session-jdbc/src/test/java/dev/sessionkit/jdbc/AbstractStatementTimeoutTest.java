package dev.sessionkit.jdbc;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import dev.sessionkit.ClientInfo;
import dev.sessionkit.ErrorCode;
import dev.sessionkit.IssuedSession;
import dev.sessionkit.SessionException;
import dev.sessionkit.SessionPolicy;
import dev.sessionkit.SessionService;
import dev.sessionkit.testkit.FakeClock;
import dev.sessionkit.spi.SessionStore;
import dev.sessionkit.testsupport.IssuedSecrets;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import javax.sql.DataSource;
import org.assertj.core.api.ThrowableAssert.ThrowingCallable;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Every statement has a time limit: while another connection holds a session's row lock, a touch, a
 * revoke or a rotation fails with STORE_UNAVAILABLE after the statement timeout (it once waited as
 * long as the lock was held), the lookup that needs no lock still answers, and all of them work again
 * once the lock is gone. A leaf per database.
 */
@Tag("slow") // left out of mutation testing: many threads, real waits
abstract class AbstractStatementTimeoutTest {
  private static final Duration TIMEOUT = Duration.ofSeconds(1);
  /** What the measured failures may take at most: the timeout plus the network grace plus slack. */
  private static final Duration BOUND = TIMEOUT.plus(JdbcStore.NETWORK_GRACE).plusSeconds(1);

  private final FakeClock clock = new FakeClock(Instant.parse("2026-01-01T00:00:00Z"));
  private final String table = TestDatabases.newTableName();
  private DataSource pool;
  private SessionService service;

  abstract TestDatabases database();

  /** A pool on the database; a leaf may build another kind. */
  DataSource newPool(String name, int size) {
    return database().newPool(name, size);
  }

  @BeforeEach
  void start() {
    pool = newPool("timeouts", 4);
    SessionStore store = JdbcSessionStore.builder().dataSource(pool).tableName(table).createSchema(true)
        .statementTimeout(TIMEOUT).build();
    service = SessionService.builder(store).clock(clock)
        .policy(SessionPolicy.builder().touchInterval(Duration.ofMinutes(1)).build()).build();
  }

  @AfterEach
  void stop() throws Exception {
    try {
      JdbcSessionStore.dropSchema(pool, database().dialect, table);
    } finally {
      if (pool instanceof AutoCloseable closeable) {
        closeable.close();
      }
    }
  }

  @Test
  void aLockedRowFailsWritesWithinTheTimeoutAndTheStoreRecoversWhenItIsReleased() throws Exception {
    IssuedSession issued = service.issue("alice", ClientInfo.empty());
    IssuedSession other = service.issue("alice", ClientInfo.empty());
    String token = issued.token().value();
    clock.advance(Duration.ofMinutes(2)); // the next validation must write its touch

    try (Connection holder = pool.getConnection()) {
      holder.setAutoCommit(false);
      try (PreparedStatement lock = holder.prepareStatement("SELECT id FROM " + table + " WHERE id = ? FOR UPDATE")) {
        lock.setString(1, issued.session().id().value());
        lock.executeQuery().close();
      }

      for (ThrowingCallable blocked : List.<ThrowingCallable>of(
          () -> service.validate(token),
          () -> service.forSubject("alice").revoke(issued.session().id().value()),
          () -> service.rotate(token))) {
        long started = System.nanoTime();
        SessionException e = catchThrowableOfType(SessionException.class, blocked);
        Duration took = Duration.ofNanos(System.nanoTime() - started);

        assertThat(e).as("a SessionException").isNotNull();
        assertThat(e.code()).isEqualTo(ErrorCode.STORE_UNAVAILABLE);
        assertThat(took).as("time to fail").isLessThan(BOUND).isGreaterThanOrEqualTo(TIMEOUT.minusMillis(100));
        assertThat(IssuedSecrets.findIn(e)).as("a secret or hash in the exception chain").isNull();
      }
      // Reads that need no lock are not held up, and other sessions are untouched.
      assertThat(service.forSubject("alice").count()).isEqualTo(2);
      assertThat(service.validate(other.token().value()).isValid()).isTrue();
      holder.rollback();
    }

    assertThat(service.validate(token).touched()).as("the touch goes through once the lock is gone").isTrue();
    assertThat(service.forSubject("alice").revoke(issued.session().id().value()).anyRevoked()).isTrue();
  }
}
