package dev.sessionkit.testkit;

import static org.assertj.core.api.Assertions.assertThat;

import dev.sessionkit.ErrorCode;
import dev.sessionkit.IssuedSession;
import dev.sessionkit.OverflowStrategy;
import dev.sessionkit.SessionException;
import dev.sessionkit.SessionId;
import dev.sessionkit.SessionPolicy;
import dev.sessionkit.SessionService;
import dev.sessionkit.spi.SessionStore;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/**
 * Several threads issuing, validating, touching, rotating and revoking at once; the invariants are
 * checked when they are done: nothing revoked validates, no rotated-away token validates, no live
 * session is lost, every revoke is reported exactly once, and counts agree with lists.
 */
@Tag("slow") // left out of mutation testing: many threads, real waits
public abstract class ConcurrencyContract extends ContractFixture {
  private static final int THREADS = 4;
  private static final String[] SUBJECTS = {"u0", "u1", "u2", "u3"};

  @Test
  void concurrentIssueValidateRotateAndRevokeKeepTheInvariants() throws Exception {
    SessionTraffic traffic = new SessionTraffic(clock, TOUCH, 0, SUBJECTS);
    SessionService node =
        SessionService.builder(store).policy(policy()).clock(clock).listener(traffic.recorder()).build();

    traffic.run(List.of(node), THREADS, stores().concurrencyOperationsPerThread());

    traffic.checkInvariants(List.of(node), List.of(store));
  }

  /**
   * Many threads on few subjects, round after round, each round on a fresh store: the invariants of
   * {@link SessionTraffic#checkInvariants} hold after every one. The rounds run are recorded among
   * the store test's figures ({@code target/test-figures/<leaf class>.txt}).
   */
  @Test
  void roundsOfStressOnFewSubjectsKeepTheInvariantsWithAndWithoutACap() throws Exception {
    int rounds = stores().stressRounds();
    int threads = 8;
    int operations = stores().concurrencyOperationsPerThread();
    long started = System.nanoTime();
    for (int round = 0; round < rounds; round++) {
      SessionStore fresh = round == 0 ? store : stores().newStore(clock);
      try {
        int cap = round % 2 == 0 ? 0 : 3;
        SessionTraffic traffic = new SessionTraffic(clock, TOUCH, cap, "s0", "s1", "s2");
        SessionPolicy.Builder policy = SessionPolicy.builder().idleTimeout(IDLE).touchInterval(TOUCH);
        if (cap > 0) {
          policy.maxSessionsPerSubject(cap, OverflowStrategy.EVICT_LEAST_RECENTLY_USED);
        }
        SessionService node =
            SessionService.builder(fresh).policy(policy.build()).clock(clock).listener(traffic.recorder()).build();

        traffic.run(List.of(node), threads, operations);

        traffic.checkInvariants(List.of(node), List.of(fresh));
        if (round == rounds - 1) {
          TestFigures.of(stores().getClass()).record(String.format("stress, %s: %d rounds of %d threads x %d operations on 3 subjects,"
                  + " invariants held after each (%d s); last round: %s",
              stores().getClass().getSimpleName(), rounds, threads, operations,
              Duration.ofNanos(System.nanoTime() - started).toSeconds(), traffic.summary()));
        }
      } finally {
        if (fresh != store) {
          stores().closeStore(fresh);
        }
      }
    }
  }

  @Test
  void concurrentLoginsOfOneUserNeverExceedTheCap() throws Exception {
    SessionService capped = serviceWith(SessionPolicy.builder().idleTimeout(IDLE)
        .maxSessionsPerSubject(3, OverflowStrategy.EVICT_LEAST_RECENTLY_USED).build());
    List<SessionId> created = new CopyOnWriteArrayList<>();

    Together.run(THREADS, thread -> {
      for (int i = 0; i < 40; i++) {
        created.add(capped.issue("alice", laptop()).session().id());
        // Counts are snapshots taken under the same lock as creates: never more than the cap.
        assertThat(capped.forSubject("alice").count()).isLessThanOrEqualTo(3);
      }
    });

    assertThat(capped.forSubject("alice").count()).isEqualTo(3);
    assertThat(events.revoked).hasSize(created.size() - 3);
  }

  @Test
  void concurrentLoginsUnderARejectingCapAdmitExactlyTheCap() throws Exception {
    SessionService capped = serviceWith(SessionPolicy.builder().idleTimeout(IDLE)
        .maxSessionsPerSubject(5, OverflowStrategy.REJECT_NEW).build());
    AtomicInteger admitted = new AtomicInteger();
    AtomicInteger refused = new AtomicInteger();

    Together.run(THREADS, thread -> {
      for (int i = 0; i < 20; i++) {
        try {
          capped.issue("alice", laptop());
          admitted.incrementAndGet();
        } catch (SessionException e) {
          assertThat(e.code()).isEqualTo(ErrorCode.SESSION_LIMIT_EXCEEDED);
          refused.incrementAndGet();
        }
      }
    });

    assertThat(admitted).hasValue(5);
    assertThat(refused).hasValue(THREADS * 20 - 5);
    assertThat(capped.forSubject("alice").count()).isEqualTo(5);
  }

  @Test
  void concurrentRotationsOfOneTokenHaveExactlyOneWinner() throws Exception {
    IssuedSession issued = service.issue("alice", laptop());
    List<String> winners = new CopyOnWriteArrayList<>();
    AtomicInteger losers = new AtomicInteger();

    Together.run(THREADS, thread -> {
      try {
        winners.add(service.rotate(issued.token().value()).token().value());
      } catch (SessionException e) {
        assertThat(e.code()).isEqualTo(ErrorCode.INVALID_TOKEN);
        losers.incrementAndGet();
      }
    });

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

    Together.run(THREADS, thread -> {
      for (int i = 0; i < 10; i++) {
        live.add(service.issue(SUBJECTS[i % SUBJECTS.length], laptop()));
        purged.addAndGet(store.purgeExpired(clock.instant(), 7));
      }
    });
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
}
