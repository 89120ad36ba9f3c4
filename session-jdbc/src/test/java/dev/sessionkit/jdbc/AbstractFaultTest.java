package dev.sessionkit.jdbc;

import static org.assertj.core.api.Assertions.assertThat;

import com.zaxxer.hikari.HikariDataSource;
import dev.sessionkit.IssuedSession;
import dev.sessionkit.SessionService;
import dev.sessionkit.testkit.TestFigures;
import dev.sessionkit.jdbc.OutageChecks.FailedRequests;
import dev.sessionkit.spi.SessionStore;
import dev.sessionkit.testsupport.FaultProxy;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.assertj.core.api.ThrowableAssert.ThrowingCallable;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout.ThreadMode;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * The store when the network to its database breaks: the pool (set up as the README tells operators)
 * reaches the database through a {@link FaultProxy} that cuts or stalls the connections, or loses only
 * the answers. See {@link OutageChecks} for what is checked and recorded. Table setup and the
 * database's own view go over a second pool that does not pass the proxy. A leaf per database.
 *
 * <p>A store that lost its own time limits would hang on a stalled connection: the timeout fails such
 * a test instead (on a thread of its own, since a thread stuck in a socket read ignores interrupts),
 * and closing the proxy afterwards sets the stuck thread free.
 */
@Timeout(value = 1, unit = TimeUnit.MINUTES, threadMode = ThreadMode.SEPARATE_THREAD)
@Tag("slow") // left out of mutation testing: outages of seconds each
abstract class AbstractFaultTest {
  /** How the proxy breaks the network, and what becomes of the requests it breaks. */
  enum Fault {
    CUT("network cut", FailedRequests.NEVER_REACHED_THE_DATABASE) {
      @Override
      void apply(FaultProxy proxy) {
        proxy.cut();
      }
    },
    STALL("network stalled", FailedRequests.MAY_HAVE_REACHED_IT) {
      @Override
      void apply(FaultProxy proxy) {
        proxy.stall();
      }
    };

    final String outage;
    final FailedRequests failedRequests;

    Fault(String outage, FailedRequests failedRequests) {
      this.outage = outage;
      this.failedRequests = failedRequests;
    }

    abstract void apply(FaultProxy proxy);
  }

  private final String table = TestDatabases.newTableName();
  private HikariDataSource direct;
  private SessionStore directStore;
  private FaultProxy proxy;
  private HikariDataSource pool;
  private OutageChecks checks;

  abstract TestDatabases database();

  @BeforeEach
  void start() throws IOException {
    direct = database().newPool("direct", 2);
    directStore = JdbcSessionStore.builder().dataSource(direct).tableName(table).createSchema(true).build();
    InetSocketAddress server = database().address();
    proxy = FaultProxy.to(server.getHostString(), server.getPort());
    pool = OperatorPool.open(database(), "through-proxy", database().urlAt(proxy.host(), proxy.port()));
    SessionStore store = JdbcSessionStore.builder().dataSource(pool).dialect(database().dialect).tableName(table)
        .statementTimeout(OutageChecks.STATEMENT_TIMEOUT).build();
    checks = new OutageChecks(database(), store, pool, TestFigures.of(getClass()));
  }

  @AfterEach
  void stop() {
    try {
      proxy.close(); // first: whatever a failed test left stalled is reset, so the pool closes at once
      pool.close();
    } finally {
      try {
        JdbcSessionStore.dropSchema(direct, database().dialect, table);
      } finally {
        direct.close();
      }
    }
  }

  @ParameterizedTest(name = "{0}")
  @EnumSource(Fault.class)
  void everyCallFailsClosedWithinTheBoundAndTheStoreRecoversWithNothingLost(Fault fault) {
    checks.sessionsBeforeTheOutage();

    fault.apply(proxy);
    checks.everyCallFailsClosed(fault.outage);
    proxy.restore();

    checks.recovers(fault.outage);
    checks.nothingCommittedIsLost();
    checks.retriedRevokesAreIdempotent(fault.failedRequests);
  }

  @ParameterizedTest(name = "{0}")
  @EnumSource(Fault.class)
  void manyThreadsValidatingAtOnceAllFailWithinTheBoundAndNoThreadsPileUp(Fault fault) throws Exception {
    checks.sessionsBeforeTheOutage();
    int threadsBefore = checks.liveThreadsBefore();

    fault.apply(proxy);
    checks.manyValidationsFailClosedAtOnce(fault.outage);
    proxy.restore();

    checks.recovers(fault.outage);
    checks.threadsSettleBackTo(threadsBefore, fault.outage);
    checks.nothingCommittedIsLost();
  }

  @Test
  void revokesWhoseAnswersAreLostAreCommittedAndTheirRetriesFindNothing() {
    checks.sessionsBeforeTheOutage();
    SessionService service = checks.service();
    IssuedSession one = checks.alice(1);

    // On PostgreSQL one statement (the delete and its change-log row in one CTE): it reaches the database
    // and commits; only its answer is lost. On MariaDB a transaction (delete, then the log's insert):
    // the delete's answer is lost, the insert is never sent, and the database rolls it back.
    answerLost("revoke", () -> service.forSubject("alice").revoke(OutageChecks.id(one)), List.of(one),
        OutageChecks.singleRevokeIsOneStatement(database()));
    // Transactions that begin by taking the subject's lock: the lock's answer is lost, the delete is
    // never sent, and the database rolls the transaction back when the connection goes.
    answerLost("revokeList", () -> service.forSubject("carol").revokeList(OutageChecks.ids(checks.carols())),
        checks.carols(), false);
    answerLost("revokeAll", () -> service.forSubject("bob").revokeAll(), checks.bobs(), false);

    checks.nothingCommittedIsLost();
    checks.retriedRevokesAreIdempotent(FailedRequests.ANSWERS_LOST);
  }

  /**
   * The revoke's statements reach the database, their answers never arrive: the caller sees
   * STORE_UNAVAILABLE, and the database (asked over the other pool, while the answers are still held)
   * has deleted the rows or not, as {@code committed} says: never half of them.
   */
  private void answerLost(String call, ThrowingCallable revoke, List<IssuedSession> revoked, boolean committed) {
    String outage = "answers lost (" + call + ")";
    // Hikari checks a connection idle for over half a second with a round trip before handing it out,
    // and that round trip would be the one to hang. A call just before leaves a fresh connection first
    // in this thread's list, so the revoke's own statement is the first thing sent.
    checks.service().forSubject("alice").count();
    proxy.stallResponses();

    checks.failsClosed(outage, call, revoke);
    for (IssuedSession s : revoked) {
      if (committed) {
        assertThat(directStore.findById(s.session().id())).as("%s committed, though its caller saw it fail", call).isNull();
      } else {
        assertThat(directStore.findById(s.session().id())).as("%s not committed", call).isNotNull();
      }
    }

    proxy.restore();
    checks.recovers(outage);
  }
}
