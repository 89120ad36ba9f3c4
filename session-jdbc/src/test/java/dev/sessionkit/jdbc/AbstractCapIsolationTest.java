package dev.sessionkit.jdbc;

import static org.assertj.core.api.Assertions.assertThat;

import com.zaxxer.hikari.HikariDataSource;
import dev.sessionkit.ClientInfo;
import dev.sessionkit.ErrorCode;
import dev.sessionkit.OverflowStrategy;
import dev.sessionkit.SessionException;
import dev.sessionkit.SessionPolicy;
import dev.sessionkit.SessionService;
import dev.sessionkit.testkit.FakeClock;
import dev.sessionkit.testkit.Together;
import dev.sessionkit.spi.SessionStore;
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The per-subject cap holds whatever isolation level the application's pool uses: concurrent logins
 * of one subject through two pools (two nodes) at READ COMMITTED, REPEATABLE READ and SERIALIZABLE.
 * At REPEATABLE READ PostgreSQL once admitted 3 to 6 of 6 logins under a cap of 1, in every round:
 * the transaction's snapshot was older than the lock it waited for. A leaf per database.
 */
@Tag("slow") // left out of mutation testing: many threads, real waits
abstract class AbstractCapIsolationTest {
  private static final int LOGINS = 6;
  private static final int ROUNDS = 15;

  abstract TestDatabases database();

  @ParameterizedTest
  @ValueSource(strings = {"TRANSACTION_READ_COMMITTED", "TRANSACTION_REPEATABLE_READ", "TRANSACTION_SERIALIZABLE"})
  void concurrentLoginsAcrossTwoPoolsNeverPassTheCap(String isolation) throws Exception {
    FakeClock clock = new FakeClock(Instant.parse("2026-01-01T00:00:00Z"));
    String table = TestDatabases.newTableName();
    try (HikariDataSource a = database().newPool("cap-a", LOGINS / 2, c -> c.setTransactionIsolation(isolation));
        HikariDataSource b = database().newPool("cap-b", LOGINS / 2, c -> c.setTransactionIsolation(isolation))) {
      SessionStore storeA = JdbcSessionStore.builder().dataSource(a).tableName(table).createSchema(true).build();
      SessionStore storeB = JdbcSessionStore.builder().dataSource(b).tableName(table).build();
      try {
        for (OverflowStrategy strategy : OverflowStrategy.values()) {
          SessionPolicy policy = SessionPolicy.builder().idleTimeout(Duration.ofHours(1))
              .maxSessionsPerSubject(1, strategy).build();
          SessionService[] nodes = {
            SessionService.builder(storeA).policy(policy).clock(clock).build(),
            SessionService.builder(storeB).policy(policy).clock(clock).build()
          };
          for (int round = 0; round < ROUNDS; round++) {
            String subject = strategy + "-" + round;
            AtomicInteger admitted = new AtomicInteger();
            Together.run(LOGINS, thread -> {
              try {
                nodes[thread % 2].issue(subject, ClientInfo.empty());
                admitted.incrementAndGet();
              } catch (SessionException e) {
                if (e.code() != ErrorCode.SESSION_LIMIT_EXCEEDED) {
                  throw new AssertionError("a login failed otherwise than by the cap", e);
                }
              }
            });
            assertThat(nodes[1].forSubject(subject).count())
                .as("%s, %s, round %s: live sessions", isolation, strategy, round).isEqualTo(1);
            if (strategy == OverflowStrategy.REJECT_NEW) {
              assertThat(admitted).as("%s, round %s: admitted logins", isolation, round).hasValue(1);
            } else {
              assertThat(admitted).as("every evicting login succeeds").hasValue(LOGINS);
            }
          }
        }
      } finally {
        JdbcSessionStore.dropSchema(a, database().dialect, table);
      }
    }
  }
}
