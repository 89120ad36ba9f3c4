package dev.sessionkit.contract;

import static org.assertj.core.api.Assertions.assertThat;

import dev.sessionkit.ErrorCode;
import dev.sessionkit.IssuedSession;
import dev.sessionkit.OverflowStrategy;
import dev.sessionkit.Page;
import dev.sessionkit.Pagination;
import dev.sessionkit.RevocationResult;
import dev.sessionkit.Session;
import dev.sessionkit.SessionException;
import dev.sessionkit.SessionId;
import dev.sessionkit.SessionPolicy;
import dev.sessionkit.SessionService;
import dev.sessionkit.SessionView;
import java.time.Duration;
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
import org.junit.jupiter.api.Test;

/**
 * Several threads issuing, validating, touching, rotating and revoking at once; the invariants are
 * checked when they are done: nothing revoked validates, no rotated-away token validates, no live
 * session is lost, every revoke is reported exactly once, and counts agree with lists.
 */
public abstract class ConcurrencyContract extends ContractFixture {
  private static final int THREADS = 4;
  private static final String[] SUBJECTS = {"u0", "u1", "u2", "u3"};

  private record Live(Session session, AtomicReference<String> token) {}

  @Test
  void concurrentIssueValidateRotateAndRevokeKeepTheInvariants() throws Exception {
    Map<SessionId, Live> issued = new ConcurrentHashMap<>();
    List<SessionId> ids = new CopyOnWriteArrayList<>();
    List<SessionId> revokedReports = new CopyOnWriteArrayList<>();
    Set<String> deadTokens = ConcurrentHashMap.newKeySet();
    AtomicInteger clockTicks = new AtomicInteger();

    List<Future<?>> done = run(THREADS, () -> {
      ThreadLocalRandom random = ThreadLocalRandom.current();
      for (int i = 0; i < stores().concurrencyOperationsPerThread(); i++) {
        int op = random.nextInt(100);
        if (ids.isEmpty() || op < 25) {
          IssuedSession s = service.issue(SUBJECTS[random.nextInt(SUBJECTS.length)], laptop());
          issued.put(s.session().id(), new Live(s.session(), new AtomicReference<>(s.token().value())));
          ids.add(s.session().id());
          continue;
        }
        Live target = issued.get(ids.get(random.nextInt(ids.size())));
        String token = target.token().get();
        if (op < 60) {
          if (random.nextInt(10) == 0 && clockTicks.incrementAndGet() < 50) {
            clock.advance(TOUCH); // makes the next validations touch
          }
          service.validate(token);
        } else if (op < 75) {
          try {
            IssuedSession rotated = service.rotate(token);
            if (target.token().compareAndSet(token, rotated.token().value())) {
              deadTokens.add(token);
            }
          } catch (SessionException e) {
            assertThat(e.code()).isEqualTo(ErrorCode.INVALID_TOKEN);
          }
        } else if (op < 92) {
          try {
            RevocationResult r = service.forSubject(target.session().subject()).revoke(target.session().id().value());
            revokedReports.addAll(r.revokedIds());
          } catch (SessionException e) {
            assertThat(e.code()).isEqualTo(ErrorCode.SESSION_NOT_FOUND);
          }
        } else {
          revokedReports.addAll(service.forCurrent(target.session()).revokeOthers().revokedIds());
        }
      }
      return null;
    });
    for (Future<?> f : done) {
      f.get(2, TimeUnit.MINUTES);
    }

    Set<SessionId> revoked = new HashSet<>(revokedReports);
    assertThat(revokedReports).as("every revoke reported exactly once").hasSameSizeAs(revoked);
    for (SessionId id : revoked) {
      assertThat(store.findById(id)).isNull();
      assertThat(service.validate(issued.get(id).token().get()).isValid()).isFalse();
    }
    for (String dead : deadTokens) {
      assertThat(service.validate(dead).isValid()).as("a rotated-away token").isFalse();
    }
    Map<String, Set<SessionId>> liveBySubject = new ConcurrentHashMap<>();
    for (Live live : issued.values()) {
      if (!revoked.contains(live.session().id())) {
        assertThat(service.validate(live.token().get()).isValid()).as("a live session").isTrue();
        liveBySubject.computeIfAbsent(live.session().subject(), k -> new HashSet<>()).add(live.session().id());
      }
    }
    for (String subject : SUBJECTS) {
      Set<SessionId> expected = liveBySubject.getOrDefault(subject, Set.of());
      Page<SessionView> page = service.forSubject(subject).list(Pagination.first(100).withTotal());
      List<SessionId> listed = new ArrayList<>();
      page.items().forEach(v -> listed.add(v.id()));
      while (page.nextCursor().isPresent()) {
        page = service.forSubject(subject).list(Pagination.after(page.nextCursor().get(), 100));
        page.items().forEach(v -> listed.add(v.id()));
      }
      assertThat(listed).doesNotHaveDuplicates().containsExactlyInAnyOrderElementsOf(expected);
      assertThat(service.forSubject(subject).count()).isEqualTo(expected.size());
    }
  }

  @Test
  void concurrentLoginsOfOneUserNeverExceedTheCap() throws Exception {
    SessionService capped = serviceWith(SessionPolicy.builder().idleTimeout(IDLE)
        .maxSessionsPerSubject(3, OverflowStrategy.EVICT_LEAST_RECENTLY_USED).build());
    List<SessionId> created = new CopyOnWriteArrayList<>();

    for (Future<?> f : run(THREADS, () -> {
      for (int i = 0; i < 40; i++) {
        created.add(capped.issue("alice", laptop()).session().id());
        // Counts are snapshots taken under the same lock as creates: never more than the cap.
        assertThat(capped.forSubject("alice").count()).isLessThanOrEqualTo(3);
      }
      return null;
    })) {
      f.get(2, TimeUnit.MINUTES);
    }

    assertThat(capped.forSubject("alice").count()).isEqualTo(3);
    assertThat(events.revoked).hasSize(created.size() - 3);
  }

  @Test
  void concurrentLoginsUnderARejectingCapAdmitExactlyTheCap() throws Exception {
    SessionService capped = serviceWith(SessionPolicy.builder().idleTimeout(IDLE)
        .maxSessionsPerSubject(5, OverflowStrategy.REJECT_NEW).build());
    AtomicInteger admitted = new AtomicInteger();
    AtomicInteger refused = new AtomicInteger();

    for (Future<?> f : run(THREADS, () -> {
      for (int i = 0; i < 20; i++) {
        try {
          capped.issue("alice", laptop());
          admitted.incrementAndGet();
        } catch (SessionException e) {
          assertThat(e.code()).isEqualTo(ErrorCode.SESSION_LIMIT_EXCEEDED);
          refused.incrementAndGet();
        }
      }
      return null;
    })) {
      f.get(2, TimeUnit.MINUTES);
    }

    assertThat(admitted).hasValue(5);
    assertThat(refused).hasValue(THREADS * 20 - 5);
    assertThat(capped.forSubject("alice").count()).isEqualTo(5);
  }

  @Test
  void concurrentRotationsOfOneTokenHaveExactlyOneWinner() throws Exception {
    IssuedSession issued = service.issue("alice", laptop());
    List<String> winners = new CopyOnWriteArrayList<>();
    AtomicInteger losers = new AtomicInteger();

    for (Future<?> f : run(THREADS, () -> {
      try {
        winners.add(service.rotate(issued.token().value()).token().value());
      } catch (SessionException e) {
        assertThat(e.code()).isEqualTo(ErrorCode.INVALID_TOKEN);
        losers.incrementAndGet();
      }
      return null;
    })) {
      f.get(2, TimeUnit.MINUTES);
    }

    assertThat(winners).hasSize(1);
    assertThat(losers).hasValue(THREADS - 1);
    assertThat(service.validate(winners.get(0)).orThrow().version()).isEqualTo(2);
    assertThat(service.validate(issued.token().value()).isValid()).isFalse();
  }

  @Test
  void purgesRunningTogetherUnderTrafficRemoveEveryExpiredSessionAndNoLiveOne() throws Exception {
    for (int i = 0; i < 60; i++) {
      service.issue(SUBJECTS[i % SUBJECTS.length], laptop());
    }
    clock.advance(IDLE);
    List<IssuedSession> live = new CopyOnWriteArrayList<>();
    AtomicInteger purged = new AtomicInteger();

    for (Future<?> f : run(THREADS, () -> {
      for (int i = 0; i < 10; i++) {
        live.add(service.issue(SUBJECTS[i % SUBJECTS.length], laptop()));
        purged.addAndGet(store.purgeExpired(clock.instant(), 7));
      }
      return null;
    })) {
      f.get(2, TimeUnit.MINUTES);
    }
    purged.addAndGet(service.purgeExpired());

    assertThat(purged).hasValue(60);
    for (IssuedSession s : live) {
      assertThat(service.validate(s.token().value()).isValid()).isTrue();
    }
    long counted = 0;
    for (String subject : SUBJECTS) {
      counted += service.forSubject(subject).count();
    }
    assertThat(counted).isEqualTo(live.size());
  }

  /** Starts {@code threads} copies of {@code task} together. */
  private static List<Future<?>> run(int threads, Callable<Void> task) {
    ExecutorService pool = Executors.newFixedThreadPool(threads);
    CountDownLatch start = new CountDownLatch(1);
    List<Future<?>> futures = new ArrayList<>();
    for (int t = 0; t < threads; t++) {
      futures.add(pool.submit(() -> {
        start.await();
        return task.call();
      }));
    }
    start.countDown();
    pool.shutdown();
    return futures;
  }
}
