package dev.sessionkit.jdbc;

import com.zaxxer.hikari.HikariDataSource;
import dev.sessionkit.testkit.TestFigures;
import dev.sessionkit.jdbc.DatabaseServer.Restart;
import dev.sessionkit.jdbc.OutageChecks.FailedRequests;
import dev.sessionkit.spi.SessionStore;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout.ThreadMode;
import org.junit.jupiter.api.Timeout;

/**
 * The store while its database server is really stopped and started again: every call fails closed
 * while it is down, and once it is back the same store and pool (set up as the README tells
 * operators) answer again with nothing committed lost. See {@link OutageChecks} for what is checked
 * and recorded. The server is started again whatever happens.
 *
 * <p>Runs only in CI's restart phase ({@code mvn -Prestart}, as root): it takes the server away from
 * every other test, so the normal and {@code -Pdatabases} runs exclude it. A leaf per database. A
 * test that hangs fails after the timeout, and the server is started after it all the same.
 */
@Timeout(value = 3, unit = TimeUnit.MINUTES, threadMode = ThreadMode.SEPARATE_THREAD)
@Tag("slow") // never under mutation testing: it stops the database servers
abstract class AbstractRestartTest {
  private static final String OUTAGE = "server stopped";

  private final String table = TestDatabases.newTableName();
  private HikariDataSource pool;
  private OutageChecks checks;

  abstract TestDatabases database();

  /** The server as {@code .ci/database-server} names it. */
  abstract String serverName();

  @BeforeEach
  void start() {
    pool = OperatorPool.open(database(), "restart", database().url());
    SessionStore store = JdbcSessionStore.builder().dataSource(pool).tableName(table).createSchema(true)
        .statementTimeout(OutageChecks.STATEMENT_TIMEOUT).build();
    checks = new OutageChecks(database(), store, pool, TestFigures.of(getClass()));
  }

  @AfterEach
  void stop() throws Exception {
    try {
      // Up already, unless the test timed out while the server was down: then this starts it.
      new DatabaseServer(serverName()).start();
      JdbcSessionStore.dropSchema(pool, database().dialect, table);
    } finally {
      pool.close();
    }
  }

  @Test
  void whileTheServerIsDownEveryCallFailsClosedAndOnceItIsBackTheSameStoreRecoversWithNothingLost()
      throws Exception {
    checks.sessionsBeforeTheOutage();
    int threadsBefore = checks.liveThreadsBefore();

    Restart restart = new DatabaseServer(serverName()).whileStopped(() -> {
      checks.everyCallFailsClosed(OUTAGE);
      checks.manyValidationsFailClosedAtOnce(OUTAGE);
    });
    checks.record(OUTAGE, "stop, start (the script)", "stopped in " + restart.stop().toMillis()
        + " ms, started and answering in " + restart.start().toMillis() + " ms");

    checks.recovers(OUTAGE);
    checks.nothingCommittedIsLost();
    checks.retriedRevokesAreIdempotent(FailedRequests.NEVER_REACHED_THE_DATABASE);
    checks.threadsSettleBackTo(threadsBefore, OUTAGE);
  }
}
