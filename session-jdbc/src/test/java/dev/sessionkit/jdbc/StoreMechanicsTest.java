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
import dev.sessionkit.testsupport.CapturedLogs;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.SQLTransactionRollbackException;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.slf4j.event.Level;

/**
 * How the JDBC store drives its connections, on real H2 seen through {@link InstrumentedDataSource}:
 * which failures it retries and how often, the time limits it puts on every statement and connection,
 * and what it does when a rollback fails too.
 */
class StoreMechanicsTest {
  private final FakeClock clock = new FakeClock(Instant.parse("2026-01-01T00:00:00Z"));
  private final String table = TestDatabases.newTableName();
  private final HikariDataSource pool = TestDatabases.H2.newPool("mechanics", 2);
  private final InstrumentedDataSource instrumented = new InstrumentedDataSource(pool);

  private SessionStore store(Duration statementTimeout) {
    return JdbcSessionStore.builder().dataSource(instrumented.dataSource()).dialect(JdbcDialect.H2)
        .tableName(table).createSchema(true).statementTimeout(statementTimeout).build();
  }

  private SessionService service(SessionStore store) {
    return SessionService.builder(store).clock(clock).build();
  }

  @AfterEach
  void dropAndClose() {
    try {
      JdbcSessionStore.dropSchema(pool, JdbcDialect.H2, table);
    } finally {
      pool.close();
    }
  }

  @Test
  void deadlocksAndSerializationFailuresAreTriedAgainAndTheCallSucceeds() {
    SessionService service = service(store(Duration.ofSeconds(5)));
    IssuedSession issued = service.issue("alice", ClientInfo.empty());
    int before = instrumented.connections.get();
    instrumented.failNextStatements(
        new SQLTransactionRollbackException("deadlock", "40P01"),
        new SQLException("wrapped", "HY000", new SQLException("serialization", "40001")));

    assertThat(service.validate(issued.token().value()).isValid()).isTrue();

    assertThat(instrumented.connections.get() - before).as("three attempts").isEqualTo(3);
  }

  @Test
  void otherFailuresAreNotRetriedAndSixTransientOnesAreTheLimit() {
    SessionService service = service(store(Duration.ofSeconds(5)));
    IssuedSession issued = service.issue("alice", ClientInfo.empty());
    int before = instrumented.connections.get();
    instrumented.failNextStatements(new SQLException("connection reset", "08006"));

    SessionException e = catchThrowableOfType(SessionException.class, () -> service.validate(issued.token().value()));
    assertThat(e.code()).isEqualTo(ErrorCode.STORE_UNAVAILABLE);
    assertThat(instrumented.connections.get() - before).as("one attempt").isEqualTo(1);

    before = instrumented.connections.get();
    for (int i = 0; i < 7; i++) {
      instrumented.failNextStatements(new SQLException("deadlock", "40001"));
    }
    e = catchThrowableOfType(SessionException.class, () -> service.validate(issued.token().value()));
    assertThat(e.code()).isEqualTo(ErrorCode.STORE_UNAVAILABLE);
    assertThat(e.getMessage()).contains("SQLState 40001");
    assertThat(instrumented.connections.get() - before).as("six attempts").isEqualTo(6);
  }

  @Test
  void anInterruptDuringTheBackOffGivesUpAtOnceAndKeepsTheFlag() {
    SessionService service = service(store(Duration.ofSeconds(5)));
    IssuedSession issued = service.issue("alice", ClientInfo.empty());
    int before = instrumented.connections.get();
    instrumented.failNextStatements(new SQLException("deadlock", "40001"), new SQLException("deadlock", "40001"));
    Thread.currentThread().interrupt();
    try {
      SessionException e = catchThrowableOfType(SessionException.class, () -> service.validate(issued.token().value()));
      assertThat(e.code()).isEqualTo(ErrorCode.STORE_UNAVAILABLE);
      assertThat(Thread.currentThread().isInterrupted()).isTrue();
      assertThat(instrumented.connections.get() - before).isEqualTo(1);
    } finally {
      Thread.interrupted();
    }
  }

  @Test
  void everyStatementGetsTheQueryTimeoutAndEveryConnectionABoundedNetworkWait() {
    instrumented.networkTimeout = 0; // a driver with no socket timeout, as PostgreSQL's by default
    SessionService service = service(store(Duration.ofSeconds(3)));
    IssuedSession issued = service.issue("alice", ClientInfo.empty());
    service.forSubject("alice").list(dev.sessionkit.Pagination.firstPage());

    assertThat(instrumented.queryTimeoutsSet).isNotEmpty().containsOnly(3);
    assertThat(instrumented.networkTimeoutsSet).isNotEmpty().containsOnly(3_500);

    // A shorter one set by the operator is kept; a longer one is bounded.
    instrumented.networkTimeoutsSet.clear();
    instrumented.networkTimeout = 1_000;
    service.validate(issued.token().value());
    assertThat(instrumented.networkTimeoutsSet).isEmpty();
    instrumented.networkTimeout = 3_501;
    service.validate(issued.token().value());
    assertThat(instrumented.networkTimeoutsSet).containsOnly(3_500);
    instrumented.networkTimeoutsSet.clear();
    instrumented.networkTimeout = 3_500;
    service.validate(issued.token().value());
    assertThat(instrumented.networkTimeoutsSet).isEmpty();
  }

  @Test
  void aDriverWithoutNetworkTimeoutsIsAskedOnceAndTheStoreCarriesOn() {
    CapturedLogs logs = CapturedLogs.of(JdbcSessionStore.class);
    instrumented.networkTimeout = null;
    SessionService service = service(store(Duration.ofSeconds(5)));
    IssuedSession issued = service.issue("alice", ClientInfo.empty());
    service.validate(issued.token().value());
    service.validate(issued.token().value());

    assertThat(logs.messages(Level.DEBUG)).filteredOn(m -> m.contains("no network timeout")).hasSize(1);
    assertThat(instrumented.networkTimeoutsSet).isEmpty();
  }

  @Test
  void aFailedRollbackIsAddedToTheFailureItCameWith() {
    SessionService capped = SessionService.builder(store(Duration.ofSeconds(5))).clock(clock)
        .policy(SessionPolicy.builder().maxSessionsPerSubject(1, OverflowStrategy.REJECT_NEW).build()).build();
    capped.issue("alice", ClientInfo.empty());
    instrumented.failRollback = true;
    // The capped create's transaction: its count statement fails, and so does the rollback.
    instrumented.failNextStatements(new SQLException("lost", "08006"));

    SessionException e = catchThrowableOfType(SessionException.class, () -> capped.issue("alice", ClientInfo.empty()));

    assertThat(e.code()).isEqualTo(ErrorCode.STORE_UNAVAILABLE);
    assertThat(e.getCause().getSuppressed()).singleElement().satisfies(suppressed -> {
      assertThat(suppressed).hasMessageContaining("rollback failed");
      assertThat(((SQLException) suppressed).getSQLState()).isEqualTo("08006");
    });
  }

  @Test
  void purgesLogEachBatchWithAnHonestDuration() {
    CapturedLogs logs = CapturedLogs.of(JdbcSessionStore.class);
    SessionService service = SessionService.builder(store(Duration.ofSeconds(5))).clock(clock)
        .policy(SessionPolicy.builder().idleTimeout(Duration.ofHours(1)).build()).build();
    service.issue("alice", ClientInfo.empty());
    clock.advance(Duration.ofHours(1));

    assertThat(service.purgeExpired()).isEqualTo(1);

    assertThat(logs.messages(Level.DEBUG)).filteredOn(m -> m.startsWith("purge batch removed"))
        .singleElement().asString().matches("purge batch removed 1 expired sessions from " + table + " in \\d{1,5} ms");
  }

  @Test
  void aDeviceTypeThisVersionDoesNotKnowReadsAsUnknown() throws SQLException {
    SessionService service = service(store(Duration.ofSeconds(5)));
    IssuedSession issued = service.issue("alice", ClientInfo.builder().deviceType(dev.sessionkit.DeviceType.TV).build());
    try (Connection c = pool.getConnection()) {
      c.createStatement().executeUpdate("UPDATE " + table + " SET device_type = 'HOLOGRAM'");
    }

    assertThat(service.validate(issued.token().value()).orThrow().client().deviceType())
        .isEqualTo(dev.sessionkit.DeviceType.UNKNOWN);
  }

  @Test
  void onH2TheCappedTransactionRunsAtReadCommittedAndThePoolsLevelComesBack() throws SQLException {
    HikariDataSource serializable = TestDatabases.H2.newPool("serializable", 1,
        config -> config.setTransactionIsolation("TRANSACTION_SERIALIZABLE"));
    try (serializable) {
      InstrumentedDataSource spied = new InstrumentedDataSource(serializable);
      SessionStore store = JdbcSessionStore.builder().dataSource(spied.dataSource()).dialect(JdbcDialect.H2)
          .tableName(table).createSchema(true).build();
      SessionService capped = SessionService.builder(store).clock(clock)
          .policy(SessionPolicy.builder().maxSessionsPerSubject(2, OverflowStrategy.REJECT_NEW).build()).build();

      capped.issue("alice", ClientInfo.empty());

      assertThat(spied.isolationsSet).contains(Connection.TRANSACTION_READ_COMMITTED)
          .endsWith(Connection.TRANSACTION_SERIALIZABLE);
      try (Connection c = serializable.getConnection()) {
        assertThat(c.getTransactionIsolation()).isEqualTo(Connection.TRANSACTION_SERIALIZABLE);
      }
    }
  }

  @Test
  void severalRowsOfASubjectAreWrittenUnderItsLockRowAndOneRowIsNot() throws SQLException {
    SessionService capped = SessionService.builder(store(Duration.ofSeconds(5))).clock(clock)
        .policy(SessionPolicy.builder().maxSessionsPerSubject(5, OverflowStrategy.REJECT_NEW).build()).build();
    IssuedSession carol = capped.issue("carol", ClientInfo.empty()); // a capped login
    IssuedSession dave = SessionService.builder(store(Duration.ofSeconds(5))).clock(clock).build()
        .issue("dave", ClientInfo.empty());
    capped.forSubject("dave").revoke(dave.session().id().value()); // one row
    capped.forSubject("erin").revokeAll(); // several rows (none, here)
    capped.forSubject("frank").revokeList(List.of("AAAAAAAAAAAAAAAAAAAAAA", "BAAAAAAAAAAAAAAAAAAAAA")); // several

    assertThat(lockRows()).containsExactlyInAnyOrder("carol", "erin", "frank");
    assertThat(capped.validate(carol.token().value()).isValid()).isTrue();
  }

  private List<String> lockRows() throws SQLException {
    List<String> subjects = new java.util.ArrayList<>();
    try (Connection c = pool.getConnection();
        java.sql.ResultSet rs = c.createStatement().executeQuery("SELECT subject FROM " + table + "_lock")) {
      while (rs.next()) {
        subjects.add(rs.getString(1));
      }
    }
    return subjects;
  }

  @Test
  void aStatementThatCannotBeSetUpIsClosedAndTheCallFails() {
    SessionService service = service(store(Duration.ofSeconds(5)));
    IssuedSession issued = service.issue("alice", ClientInfo.empty());
    int closedBefore = instrumented.statementsClosed.get();
    instrumented.failQueryTimeout = true;

    SessionException e = catchThrowableOfType(SessionException.class, () -> service.validate(issued.token().value()));

    assertThat(e.code()).isEqualTo(ErrorCode.STORE_UNAVAILABLE);
    assertThat(instrumented.statementsClosed.get() - closedBefore).isEqualTo(1);
  }
}
