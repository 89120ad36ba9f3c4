package dev.sessionkit.jdbc;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.zaxxer.hikari.HikariDataSource;
import dev.sessionkit.ClientInfo;
import dev.sessionkit.SessionListener;
import dev.sessionkit.SessionPolicy;
import dev.sessionkit.SessionService;
import dev.sessionkit.contract.FakeClock;
import dev.sessionkit.spi.SessionStore;
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

/** The purge scheduler runs the service's purge until closed. */
class JdbcPurgeSchedulerTest {

  @Test
  @SuppressWarnings("try") // the scheduler only has to run until the try block ends
  void theSchedulerPurgesExpiredSessionsInTheBackground() throws Exception {
    FakeClock clock = new FakeClock(Instant.parse("2026-01-01T00:00:00Z"));
    String table = TestDatabases.newTableName();
    AtomicInteger purged = new AtomicInteger();
    CountDownLatch allPurged = new CountDownLatch(1);
    try (HikariDataSource pool = TestDatabases.H2.newPool("scheduler", 2)) {
      SessionStore store = JdbcSessionStore.builder().dataSource(pool).tableName(table).createSchema(true).build();
      SessionService service =
          SessionService.builder(store)
              .policy(SessionPolicy.builder().idleTimeout(Duration.ofHours(1)).build())
              .clock(clock)
              .listener(new SessionListener() {
                @Override
                public void expiredSessionsPurged(int removed, Duration elapsed) {
                  if (purged.addAndGet(removed) == 5) {
                    allPurged.countDown();
                  }
                }
              })
              .build();
      for (int i = 0; i < 5; i++) {
        service.issue("user" + i, ClientInfo.empty());
      }
      clock.advance(Duration.ofHours(1));

      try (JdbcPurgeScheduler scheduler = JdbcPurgeScheduler.start(service, Duration.ofMillis(20))) {
        assertThat(allPurged.await(30, TimeUnit.SECONDS)).as("purged within 30 s").isTrue();
      }
      assertThat(store.purgeExpired(clock.instant(), 100)).isZero();
      JdbcSessionStore.dropSchema(pool, JdbcDialect.H2, table);
    }
  }

  @Test
  void theIntervalMustBePositive() {
    SessionStore store =
        JdbcSessionStore.builder().dataSource(new UnreachableDataSource()).dialect(JdbcDialect.H2).build();
    SessionService service = SessionService.builder(store).build();

    assertThatThrownBy(() -> JdbcPurgeScheduler.start(service, Duration.ZERO))
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> JdbcPurgeScheduler.start(service, Duration.ofSeconds(-1)))
        .isInstanceOf(IllegalArgumentException.class);
  }
}
