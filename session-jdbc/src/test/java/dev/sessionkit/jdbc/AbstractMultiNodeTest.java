package dev.sessionkit.jdbc;

import static org.assertj.core.api.Assertions.assertThat;

import com.zaxxer.hikari.HikariDataSource;
import dev.sessionkit.ClientInfo;
import dev.sessionkit.ErrorCode;
import dev.sessionkit.IssuedSession;
import dev.sessionkit.OverflowStrategy;
import dev.sessionkit.Pagination;
import dev.sessionkit.RevocationReason;
import dev.sessionkit.Session;
import dev.sessionkit.SessionException;
import dev.sessionkit.SessionId;
import dev.sessionkit.SessionListener;
import dev.sessionkit.SessionPolicy;
import dev.sessionkit.SessionService;
import dev.sessionkit.SessionView;
import dev.sessionkit.contract.FakeClock;
import dev.sessionkit.spi.SessionStore;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.Callable;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Two application nodes on one database: two stores, each on its own connection pool, on the same
 * table, with threads on both issuing, validating, touching, rotating, capping, revoking and
 * purging at once. Invariants are checked when they are done. A leaf per database.
 */
abstract class AbstractMultiNodeTest {
  private static final Instant START = Instant.parse("2026-01-01T00:00:00Z");
  private static final Duration IDLE = Duration.ofHours(1);
  private static final Duration TOUCH = Duration.ofMinutes(1);
  private static final int CAP = 4;
  private static final int THREADS_PER_NODE = 3;
  private static final String[] SUBJECTS = {"u0", "u1", "u2", "u3", "u4"};

  private final FakeClock clock = new FakeClock(START);
  private final List<SessionId> revokedEvents = new CopyOnWriteArrayList<>();
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

  private SessionService node(SessionStore store, SessionPolicy policy) {
    SessionListener recorder =
        new SessionListener() {
          @Override
          public void sessionRevoked(Session session, RevocationReason reason) {
            revokedEvents.add(session.id());
          }
        };
    return SessionService.builder(store).policy(policy).clock(clock).listener(recorder).build();
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

  private record Live(Session session, AtomicReference<String> token) {}

  @Test
  void twoNodesIssuingValidatingRotatingCappingAndRevokingKeepTheInvariants() throws Exception {
    SessionService[] nodes = {
      node(storeA, cappedPolicy(OverflowStrategy.EVICT_LEAST_RECENTLY_USED, CAP)),
      node(storeB, cappedPolicy(OverflowStrategy.EVICT_LEAST_RECENTLY_USED, CAP))
    };
    Map<SessionId, Live> issued = new ConcurrentHashMap<>();
    List<SessionId> ids = new CopyOnWriteArrayList<>();
    Set<String> deadTokens = ConcurrentHashMap.newKeySet();
    AtomicInteger clockTicks = new AtomicInteger();
    AtomicInteger nextThread = new AtomicInteger();

    runTogether(2 * THREADS_PER_NODE, () -> {
      int thread = nextThread.getAndIncrement();
      SessionService here = nodes[thread % 2];
      SessionService there = nodes[(thread + 1) % 2];
      ThreadLocalRandom random = ThreadLocalRandom.current();
      for (int i = 0; i < operationsPerThread(); i++) {
        int op = random.nextInt(100);
        if (ids.isEmpty() || op < 30) {
          String subject = SUBJECTS[random.nextInt(SUBJECTS.length)];
          IssuedSession s = here.issue(subject, client());
          issued.put(s.session().id(), new Live(s.session(), new AtomicReference<>(s.token().value())));
          ids.add(s.session().id());
          assertThat(there.forSubject(subject).count()).as("cap seen from the other node").isLessThanOrEqualTo(CAP);
          continue;
        }
        Live target = issued.get(ids.get(random.nextInt(ids.size())));
        String token = target.token().get();
        if (op < 60) {
          if (random.nextInt(8) == 0 && clockTicks.incrementAndGet() < 50) {
            clock.advance(TOUCH);
          }
          here.validate(token);
        } else if (op < 75) {
          try {
            IssuedSession rotated = here.rotate(token);
            if (target.token().compareAndSet(token, rotated.token().value())) {
              deadTokens.add(token);
            }
          } catch (SessionException e) {
            assertThat(e.code()).isEqualTo(ErrorCode.INVALID_TOKEN);
          }
        } else if (op < 93) {
          try {
            here.forSubject(target.session().subject()).revoke(target.session().id().value());
          } catch (SessionException e) {
            assertThat(e.code()).isEqualTo(ErrorCode.SESSION_NOT_FOUND);
          }
        } else {
          here.forCurrent(target.session()).revokeOthers();
        }
      }
      return null;
    });

    Set<SessionId> revoked = new HashSet<>(revokedEvents);
    assertThat(revokedEvents).as("every revoke and eviction reported exactly once").hasSameSizeAs(revoked);
    for (SessionId id : revoked) {
      assertThat(storeA.findById(id)).isNull();
      assertThat(storeB.findById(id)).isNull();
      assertThat(nodes[1].validate(issued.get(id).token().get()).isValid()).as("a revoked token").isFalse();
    }
    for (String dead : deadTokens) {
      assertThat(nodes[0].validate(dead).isValid()).as("a rotated-away token").isFalse();
    }
    Map<String, Set<SessionId>> liveBySubject = new ConcurrentHashMap<>();
    for (Live live : issued.values()) {
      if (!revoked.contains(live.session().id())) {
        assertThat(nodes[0].validate(live.token().get()).isValid()).as("a live session").isTrue();
        liveBySubject.computeIfAbsent(live.session().subject(), k -> new HashSet<>()).add(live.session().id());
      }
    }
    for (String subject : SUBJECTS) {
      Set<SessionId> expected = liveBySubject.getOrDefault(subject, Set.of());
      List<SessionId> listed = new ArrayList<>();
      for (SessionView view : nodes[0].forSubject(subject).list(Pagination.first(100)).items()) {
        listed.add(view.id());
      }
      assertThat(listed).doesNotHaveDuplicates().containsExactlyInAnyOrderElementsOf(expected);
      assertThat(nodes[1].forSubject(subject).count()).isEqualTo(expected.size());
      assertThat(expected.size()).as("the cap").isLessThanOrEqualTo(CAP);
    }
    assertThat(rowCount("1 = 1")).isEqualTo(issued.size() - revoked.size());
  }

  @Test
  void aRejectingCapAdmitsExactlyTheCapAcrossNodes() throws Exception {
    int cap = 5;
    SessionService[] nodes = {
      node(storeA, cappedPolicy(OverflowStrategy.REJECT_NEW, cap)),
      node(storeB, cappedPolicy(OverflowStrategy.REJECT_NEW, cap))
    };
    AtomicInteger admitted = new AtomicInteger();
    AtomicInteger refused = new AtomicInteger();
    AtomicInteger nextThread = new AtomicInteger();

    runTogether(2 * THREADS_PER_NODE, () -> {
      SessionService here = nodes[nextThread.getAndIncrement() % 2];
      for (int i = 0; i < 15; i++) {
        try {
          here.issue("alice", client());
          admitted.incrementAndGet();
        } catch (SessionException e) {
          assertThat(e.code()).isEqualTo(ErrorCode.SESSION_LIMIT_EXCEEDED);
          refused.incrementAndGet();
        }
      }
      return null;
    });

    assertThat(admitted).hasValue(cap);
    assertThat(refused).hasValue(2 * THREADS_PER_NODE * 15 - cap);
    assertThat(nodes[0].forSubject("alice").count()).isEqualTo(cap);
  }

  @Test
  void twoNodesPurgingAtOnceUnderTrafficRemoveEveryExpiredRowAndNoLiveOne() throws Exception {
    SessionPolicy policy = SessionPolicy.builder().idleTimeout(IDLE).touchInterval(TOUCH).build();
    SessionService a = node(storeA, policy);
    SessionService b = node(storeB, policy);
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
    AtomicInteger nextThread = new AtomicInteger();

    runTogether(4, () -> {
      int thread = nextThread.getAndIncrement();
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
      return null;
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

  /** Starts {@code threads} copies of {@code task} together and waits for all of them. */
  private static void runTogether(int threads, Callable<Void> task) throws Exception {
    ExecutorService pool = Executors.newFixedThreadPool(threads);
    try {
      CountDownLatch start = new CountDownLatch(1);
      List<Future<?>> futures = new ArrayList<>();
      for (int t = 0; t < threads; t++) {
        futures.add(pool.submit(() -> {
          start.await();
          return task.call();
        }));
      }
      start.countDown();
      for (Future<?> f : futures) {
        f.get(3, TimeUnit.MINUTES);
      }
    } finally {
      pool.shutdownNow();
    }
  }
}
