package dev.sessionkit.jdbc;

import static org.assertj.core.api.Assertions.assertThat;

import com.zaxxer.hikari.HikariDataSource;
import dev.sessionkit.testkit.TestFigures;
import dev.sessionkit.testsupport.CapturedLogs;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.slf4j.event.Level;

/**
 * Three near-cached nodes on PostgreSQL ({@code -Pdatabases}): woken by {@code NOTIFY}; then with the
 * listening connections killed before every round; then with notifications off. The bound holds in
 * all three, since the poll at a quarter of the bound reads the durable change log.
 */
class PostgreSqlPropagationTest extends AbstractPropagationTest {
  private static final TestFigures FIGURES = TestFigures.of(PostgreSqlPropagationTest.class);

  @Override
  TestDatabases database() {
    return TestDatabases.POSTGRESQL;
  }

  @Override
  TestFigures figures() {
    return FIGURES;
  }

  @Test
  void otherNodesRefuseRevokedTokensWhenTheNotificationArrives() {
    measure("PostgreSQL, LISTEN/NOTIFY", true, () -> {});
  }

  @Test
  void theBoundHoldsWhenTheListeningConnectionsAreKilled() {
    CapturedLogs logs = CapturedLogs.of(JdbcInvalidationSource.class);
    AtomicInteger killed = new AtomicInteger();

    measure("PostgreSQL, every listening connection killed before each round", true,
        () -> killed.addAndGet(killListeners()));

    assertThat(killed.get()).as("listening connections terminated").isGreaterThanOrEqualTo(20);
    assertThat(logs.messages(Level.WARN)).isNotEmpty()
        .allSatisfy(m -> assertThat(m).contains("reconnecting"));
  }

  @Test
  void theBoundHoldsWithNotificationsSuppressed() {
    measure("PostgreSQL, notifications off: polling alone", false, () -> {});
  }

  /** Terminates the backends of this test's listening connections; returns how many. */
  private int killListeners() {
    HikariDataSource operator = pools().get(0);
    try (Connection c = operator.getConnection();
        PreparedStatement ps = c.prepareStatement(
            "SELECT count(pg_terminate_backend(pid)) FROM pg_stat_activity WHERE application_name = ?")) {
      ps.setString(1, PostgresNotificationListener.applicationName(
          PostgresDialect.notificationChannel(table())));
      try (ResultSet rs = ps.executeQuery()) {
        rs.next();
        return rs.getInt(1);
      }
    } catch (SQLException e) {
      throw new AssertionError("could not terminate the listeners", e);
    }
  }
}
