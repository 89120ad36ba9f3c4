package dev.sessionkit.caffeine;

import static org.assertj.core.api.Assertions.assertThat;

import dev.sessionkit.ClientInfo;
import dev.sessionkit.IssuedSession;
import dev.sessionkit.SessionPolicy;
import dev.sessionkit.SessionService;
import dev.sessionkit.testkit.FakeClock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The per-subject index agrees with the cache, also after evictions and expiry it did not cause. */
class SubjectIndexConsistencyTest {
  private final FakeClock clock = new FakeClock(Instant.parse("2026-01-01T00:00:00Z"));

  private CaffeineStore store(long maximumSize, Duration retention) {
    return (CaffeineStore) CaffeineSessionStore.builder()
        .maximumSize(maximumSize).clock(clock).expiredRetention(retention).executor(Runnable::run).build();
  }

  private SessionService service(CaffeineStore store) {
    return SessionService.builder(store).clock(clock)
        .policy(SessionPolicy.builder().idleTimeout(Duration.ofHours(1)).build()).build();
  }

  @Test
  void sizeEvictionRemovesEvictedIdsFromTheIndex() {
    CaffeineStore store = store(20, Duration.ZERO);
    SessionService service = service(store);
    List<IssuedSession> issued = new ArrayList<>();
    for (int i = 0; i < 200; i++) {
      issued.add(service.issue("user" + (i % 5), ClientInfo.empty()));
    }

    long cached = store.cachedSessions();
    assertThat(cached).isLessThanOrEqualTo(20);
    assertThat(store.indexedIds()).isEqualTo(cached);
    long counted = 0;
    for (int u = 0; u < 5; u++) {
      counted += service.forSubject("user" + u).count();
    }
    assertThat(counted).isEqualTo(cached);
    assertThat(issued.stream().filter(s -> service.validate(s.token().value()).isValid()).count())
        .isEqualTo(cached);
  }

  @Test
  void expiryEmptiesTheIndexAndRetiresSubjects() {
    CaffeineStore store = store(1_000, Duration.ofMinutes(1));
    SessionService service = service(store);
    for (int i = 0; i < 30; i++) {
      service.issue("user" + (i % 3), ClientInfo.empty());
    }
    assertThat(store.indexedIds()).isEqualTo(30);

    clock.advance(Duration.ofHours(1)); // expired, but still held for the retention
    assertThat(store.indexedSubjects()).isEqualTo(3);
    assertThat(store.cachedSessions()).isEqualTo(30);
    clock.advance(Duration.ofMinutes(1));

    assertThat(store.indexedIds()).as("each helper runs the cache's pending work itself").isZero();
    assertThat(store.indexedSubjects()).isZero();
    assertThat(store.cachedSessions()).isZero();
  }

  @Test
  void purgeReportsSessionsTheCacheExpiredOnItsOwn() {
    CaffeineStore store = store(1_000, Duration.ZERO);
    SessionService service = service(store);
    for (int i = 0; i < 25; i++) {
      service.issue("user" + (i % 4), ClientInfo.empty());
    }
    clock.advance(Duration.ofHours(1));
    assertThat(store.cachedSessions()).isZero(); // Caffeine dropped them at their deadline

    assertThat(store.purgeExpired(clock.instant(), 10)).isEqualTo(10);
    assertThat(service.purgeExpired()).isEqualTo(15);
    assertThat(service.purgeExpired()).isZero();
  }

  @Test
  void aPurgeRightAfterTheDeadlineCountsWhatTheCacheHasNotYetDropped() {
    CaffeineStore store = store(1_000, Duration.ZERO);
    SessionService service = service(store);
    for (int i = 0; i < 7; i++) {
      service.issue("user" + (i % 2), ClientInfo.empty());
    }
    clock.advance(Duration.ofHours(1));

    assertThat(store.purgeExpired(clock.instant(), 100)).isEqualTo(7);
    assertThat(store.indexedIds()).isZero();
  }

  @Test
  void aPurgeOfRetainedExpiredSessionsTakesThemOutOfTheIndex() {
    CaffeineStore store = store(1_000, Duration.ofMinutes(5));
    SessionService service = service(store);
    for (int i = 0; i < 6; i++) {
      service.issue("user" + (i % 2), ClientInfo.empty());
    }
    clock.advance(Duration.ofHours(1)); // expired, still held for the retention

    assertThat(store.purgeExpired(clock.instant(), 100)).isEqualTo(6);

    assertThat(store.indexedIds()).isZero();
    assertThat(store.indexedSubjects()).isZero();
  }

  @Test
  void anIndexEmptiedWhileItsLockWasHeldIsRetiredByTheNextReader() throws Exception {
    CaffeineStore store = store(1_000, Duration.ZERO);
    SessionService service = service(store);
    service.issue("alice", ClientInfo.empty());
    clock.advance(Duration.ofHours(1));
    java.util.concurrent.locks.ReentrantLock lock = store.subjectLock("alice");

    // Another thread holds alice's lock while the cache expires her session: the eviction's
    // tryLock fails, so the empty index stays in the map for now.
    java.util.concurrent.CountDownLatch held = new java.util.concurrent.CountDownLatch(1);
    java.util.concurrent.CountDownLatch release = new java.util.concurrent.CountDownLatch(1);
    Thread holder = new Thread(() -> {
      lock.lock();
      try {
        held.countDown();
        release.await();
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      } finally {
        lock.unlock();
      }
    });
    holder.start();
    held.await();
    store.cachedSessions(); // runs the expiry
    assertThat(store.indexedSubjects()).isEqualTo(1);
    release.countDown();
    holder.join();

    assertThat(service.forSubject("alice").count()).isZero();
    assertThat(store.indexedSubjects()).as("the reader retired it").isZero();
  }

  @Test
  void anExpiryWhileAnotherThreadHoldsTheLockIsAppliedByTheNextHolder() throws Exception {
    CaffeineStore store = store(1_000, Duration.ZERO);
    SessionService service = service(store);
    service.issue("alice", ClientInfo.empty());
    clock.advance(Duration.ofMinutes(30));
    IssuedSession live = service.issue("alice", ClientInfo.empty());
    clock.advance(Duration.ofMinutes(31)); // the first one is past its idle deadline
    java.util.concurrent.locks.ReentrantLock lock = store.subjectLock("alice");
    java.util.concurrent.CountDownLatch held = new java.util.concurrent.CountDownLatch(1);
    java.util.concurrent.CountDownLatch release = new java.util.concurrent.CountDownLatch(1);
    Thread holder = new Thread(() -> {
      lock.lock();
      try {
        held.countDown();
        release.await();
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      } finally {
        lock.unlock();
      }
    });
    holder.start();
    held.await();
    assertThat(store.cachedSessions()).isEqualTo(1); // runs the expiry: its removal is queued
    release.countDown();
    holder.join();
    assertThat(store.indexedIds()).as("queued: that holder let go without the store").isEqualTo(2);

    assertThat(service.forSubject("alice").count()).isEqualTo(1);
    assertThat(store.indexedIds()).as("applied by the reader").isEqualTo(1);
    assertThat(service.validate(live.token().value()).isValid()).isTrue();
  }

  @Test
  void everyOperationLetsGoOfTheSubjectsLock() throws Exception {
    CaffeineStore store = store(3, Duration.ZERO);
    SessionService service = SessionService.builder(store).clock(clock)
        .policy(SessionPolicy.builder().idleTimeout(Duration.ofHours(1))
            .maxSessionsPerSubject(2, dev.sessionkit.OverflowStrategy.EVICT_LEAST_RECENTLY_USED).build()).build();
    java.util.concurrent.ExecutorService two = java.util.concurrent.Executors.newFixedThreadPool(2);
    try {
      List<java.util.concurrent.Callable<Object>> steps = List.of(
          () -> service.issue("alice", ClientInfo.empty()),
          () -> service.issue("alice", ClientInfo.empty()),
          () -> service.issue("alice", ClientInfo.empty()), // evicts under the cap
          () -> service.forSubject("alice").count(),
          () -> service.forSubject("alice").list(dev.sessionkit.Pagination.firstPage()),
          () -> service.issue("bob", ClientInfo.empty()),
          () -> service.issue("carol", ClientInfo.empty()), // the size bound evicts someone
          () -> service.forSubject("alice").revokeAll(),
          () -> service.issue("alice", ClientInfo.empty()));
      int step = 0;
      for (java.util.concurrent.Callable<Object> call : steps) {
        // Alternate threads: a lock left held by one makes the other wait, and the step times out.
        two.submit(call).get(10, java.util.concurrent.TimeUnit.SECONDS);
        two.submit(() -> store.count("alice", clock.instant())).get(10, java.util.concurrent.TimeUnit.SECONDS);
        step++;
      }
      assertThat(step).isEqualTo(steps.size());
    } finally {
      two.shutdownNow();
    }
  }

  @Test
  void revokingEverythingRetiresTheSubject() {
    CaffeineStore store = store(1_000, Duration.ofMinutes(1));
    SessionService service = service(store);
    service.issue("alice", ClientInfo.empty());
    service.issue("alice", ClientInfo.empty());

    service.forSubject("alice").revokeAll();

    assertThat(store.indexedSubjects()).isZero();
    assertThat(service.issue("alice", ClientInfo.empty()).session().subject()).isEqualTo("alice");
    assertThat(store.indexedIds()).isEqualTo(1);
  }
}
