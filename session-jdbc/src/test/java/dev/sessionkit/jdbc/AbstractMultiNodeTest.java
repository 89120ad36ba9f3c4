package dev.sessionkit.jdbc;

import static org.assertj.core.api.Assertions.assertThat;

import com.zaxxer.hikari.HikariDataSource;
import dev.sessionkit.ClientInfo;
import dev.sessionkit.ErrorCode;
import dev.sessionkit.IssuedSession;
import dev.sessionkit.OverflowStrategy;
import dev.sessionkit.SessionException;
import dev.sessionkit.SessionListener;
import dev.sessionkit.SessionPolicy;
import dev.sessionkit.SessionService;
import dev.sessionkit.testkit.FakeClock;
import dev.sessionkit.testkit.SessionTraffic;
import dev.sessionkit.testkit.Together;
import dev.sessionkit.spi.SessionStore;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Two application nodes on one database: two stores, each on its own connection pool, on the same
 * table, with threads on both issuing, validating, touching, rotating, capping, revoking and
 * purging at once. Invariants are checked when they are done. A leaf per database.
 */
@Tag("slow") // left out of mutation testing: many threads, real waits
abstract class AbstractMultiNodeTest {
  private static final Instant START = Instant.parse("2026-01-01T00:00:00Z");
  private static final Duration IDLE = Duration.ofHours(1);
  private static final Duration TOUCH = Duration.ofMinutes(1);
  private static final int CAP = 4;
  private static final int THREADS_PER_NODE = 3;
  private static final String[] SUBJECTS = {"u0", "u1", "u2", "u3", "u4"};

  private final FakeClock clock = new FakeClock(START);
  private static final SessionListener NO_EVENTS = new SessionListener() {};
  private String table;
  private HikariDataSource poolA;
  private HikariDataSource poolB;
  private SessionStore storeA;
  private SessionStore storeB;

  /** The database under test. */
  abstract TestDatabases database();

  /** Operations per thread of the mixed workload. */
  int operationsPerThread() {
    return 150;
  }

  @BeforeEach
  void startTwoNodes() {
    table = TestDatabases.newTableName();
    poolA = database().newPool("node-a", 4);
    poolB = database().newPool("node-b", 4);
    storeA = JdbcSessionStore.builder().dataSource(poolA).tableName(table).createSchema(true).build();
    storeB = JdbcSessionStore.builder().dataSource(poolB).dialect(database().dialect).tableName(table).build();
  }

  @AfterEach
  void stopNodes() {
    try {
      JdbcSessionStore.dropSchema(poolA, database().dialect, table);
    } finally {
      poolA.close();
      poolB.close();
    }
  }

  private SessionService node(SessionStore store, SessionPolicy policy, SessionListener listener) {
    return SessionService.builder(store).policy(policy).clock(clock).listener(listener).build();
  }

  private static SessionPolicy cappedPolicy(OverflowStrategy strategy, int cap) {
    return SessionPolicy.builder()
        .idleTimeout(IDLE)
        .touchInterval(TOUCH)
        .maxSessionsPerSubject(cap, strategy)
        .build();
  }

  private static ClientInfo client() {
    return ClientInfo.builder().ipAddress("198.51.100.4").deviceName("node test").build();
  }

  @Test
  void twoNodesIssuingValidatingRotatingCappingAndRevokingKeepTheInvariants() throws Exception {
    SessionTraffic traffic = new SessionTraffic(clock, TOUCH, CAP, SUBJECTS);
    SessionPolicy policy = cappedPolicy(OverflowStrategy.EVICT_LEAST_RECENTLY_USED, CAP);
    List<SessionService> nodes = List.of(node(storeA, policy, traffic.recorder()), node(storeB, policy, traffic.recorder()));

    traffic.run(nodes, 2 * THREADS_PER_NODE, operationsPerThread());

    traffic.checkInvariants(nodes, List.of(storeA, storeB));
    assertThat(rowCount("1 = 1")).isEqualTo(traffic.liveSessions());
  }

  @Test
  void aRejectingCapAdmitsExactlyTheCapAcrossNodes() throws Exception {
    int cap = 5;
    SessionService[] nodes = {
      node(storeA, cappedPolicy(OverflowStrategy.REJECT_NEW, cap), NO_EVENTS),
      node(storeB, cappedPolicy(OverflowStrategy.REJECT_NEW, cap), NO_EVENTS)
    };
    AtomicInteger admitted = new AtomicInteger();
    AtomicInteger refused = new AtomicInteger();

    Together.run(2 * THREADS_PER_NODE, thread -> {
      SessionService here = nodes[thread % 2];
      for (int i = 0; i < 15; i++) {
        try {
          here.issue("alice", client());
          admitted.incrementAndGet();
        } catch (SessionException e) {
          assertThat(e.code()).isEqualTo(ErrorCode.SESSION_LIMIT_EXCEEDED);
          refused.incrementAndGet();
        }
      }
    });

    assertThat(admitted).hasValue(cap);
    assertThat(refused).hasValue(2 * THREADS_PER_NODE * 15 - cap);
    assertThat(nodes[0].forSubject("alice").count()).isEqualTo(cap);
  }

  @Test
  void twoNodesPurgingAtOnceUnderTrafficRemoveEveryExpiredRowAndNoLiveOne() throws Exception {
    SessionPolicy policy = SessionPolicy.builder().idleTimeout(IDLE).touchInterval(TOUCH).build();
    SessionService a = node(storeA, policy, NO_EVENTS);
    SessionService b = node(storeB, policy, NO_EVENTS);
    int expiredCount = 400;
    for (int i = 0; i < expiredCount; i++) {
      (i % 2 == 0 ? a : b).issue("old" + (i % 40), client());
    }
    clock.advance(IDLE);
    List<IssuedSession> live = new CopyOnWriteArrayList<>();
    for (int i = 0; i < 20; i++) {
      live.add(a.issue("live" + (i % 5), client()));
    }
    Instant now = clock.instant();
    AtomicInteger purged = new AtomicInteger();

    Together.run(4, thread -> {
      SessionStore store = thread % 2 == 0 ? storeA : storeB;
      if (thread < 2) {
        // a purger per node, small batches so that they overlap many times
        int removed;
        do {
          removed = store.purgeExpired(now, 10);
          purged.addAndGet(removed);
        } while (removed > 0);
      } else {
        // traffic per node: new logins, validations and revocations of live sessions
        SessionService service = thread % 2 == 0 ? a : b;
        for (int i = 0; i < 60; i++) {
          IssuedSession s = service.issue("live" + (i % 5), client());
          assertThat(service.validate(s.token().value()).isValid()).isTrue();
          if (i % 3 == 0) {
            service.signOut(s.session());
          } else {
            live.add(s);
          }
        }
      }
    });
    // Whatever a purger skipped while the other held it, the other deleted: nothing expired is left.
    purged.addAndGet(storeA.purgeExpired(now, 1000));

    assertThat(purged).as("every expired row deleted exactly once").hasValue(expiredCount);
    assertThat(rowCount("idle_expires_at <= " + now.toEpochMilli())).isZero();
    assertThat(rowCount("1 = 1")).isEqualTo(live.size());
    for (IssuedSession s : live) {
      assertThat(b.validate(s.token().value()).isValid()).as("a live session survives the purge").isTrue();
    }
  }

  /** Rows of the table matching a fixed condition written by this test. */
  private long rowCount(String condition) throws SQLException {
    try (Connection c = poolA.getConnection();
        PreparedStatement ps = c.prepareStatement("SELECT COUNT(*) FROM " + table + " WHERE " + condition);
        ResultSet rs = ps.executeQuery()) {
      rs.next();
      return rs.getLong(1);
    }
  }
}
