package dev.sessionkit.caffeine;

import static org.assertj.core.api.Assertions.assertThat;

import dev.sessionkit.ClientInfo;
import dev.sessionkit.IssuedSession;
import dev.sessionkit.SessionPolicy;
import dev.sessionkit.SessionService;
import dev.sessionkit.contract.FakeClock;
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
    assertThat(store.cachedSessions()).isEqualTo(30);
    clock.advance(Duration.ofMinutes(1));

    assertThat(store.cachedSessions()).isZero();
    assertThat(store.indexedIds()).isZero();
    assertThat(store.indexedSubjects()).isZero();
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
