package dev.sessionkit.micrometer;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.sessionkit.ClientInfo;
import dev.sessionkit.IssuedSession;
import dev.sessionkit.OverflowStrategy;
import dev.sessionkit.SessionException;
import dev.sessionkit.SessionId;
import dev.sessionkit.SessionPolicy;
import dev.sessionkit.SessionService;
import dev.sessionkit.caffeine.CaffeineSessionStore;
import dev.sessionkit.testkit.FakeClock;
import dev.sessionkit.spi.ForwardingSessionStore;
import dev.sessionkit.spi.SessionStore;
import dev.sessionkit.spi.StoredSession;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.FunctionTimer;
import io.micrometer.core.instrument.MockClock;
import io.micrometer.core.instrument.simple.SimpleConfig;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The real service over the real Caffeine store, instrumented, into a {@link SimpleMeterRegistry}
 * whose clock the tests move: every meter counts what happened, and nothing else.
 */
class SessionMetricsTest {
  private static final Duration IDLE = Duration.ofHours(1);
  /** What a lookup costs, on the registry's clock: the store below moves it by this much. */
  private static final long FIND_NANOS = TimeUnit.MILLISECONDS.toNanos(2);
  /** Well-formed (canonical base64url of zero bytes), and never issued. */
  private static final String UNKNOWN_TOKEN = "A".repeat(22) + "." + "A".repeat(43);

  private final FakeClock clock = new FakeClock(Instant.parse("2026-11-26T10:00:00Z"));
  private final MockClock meterClock = new MockClock();
  private final SimpleMeterRegistry registry = new SimpleMeterRegistry(SimpleConfig.DEFAULT, meterClock);
  private SessionStore caffeine;
  private MeteredSessionStore store;
  private SessionService sessions;

  @BeforeEach
  void setUp() {
    caffeine = CaffeineSessionStore.builder().clock(clock).executor(Runnable::run).build();
    SessionStore slowLookups = new ForwardingSessionStore(caffeine) {
      @Override
      public @Nullable StoredSession findById(SessionId id) {
        meterClock.add(FIND_NANOS, TimeUnit.NANOSECONDS);
        return super.findById(id);
      }
    };
    SessionMetrics.Instrumented metrics = SessionMetrics.instrument(slowLookups, registry);
    store = metrics.store();
    sessions = metrics.serviceBuilder().clock(clock).policy(policy(2, OverflowStrategy.EVICT_LEAST_RECENTLY_USED)).build();
  }

  @AfterEach
  void tearDown() {
    store.close();
  }

  private static SessionPolicy policy(int cap, OverflowStrategy strategy) {
    return SessionPolicy.builder()
        .absoluteLifetime(Duration.ofDays(1))
        .idleTimeout(IDLE)
        .touchInterval(Duration.ofMinutes(1))
        .maxSessionsPerSubject(cap, strategy)
        .build();
  }

  private IssuedSession logIn(String subject) {
    return sessions.issue(subject, ClientInfo.empty());
  }

  private double counter(String name, String... tags) {
    Counter counter = registry.get(name).tags(tags).counter();
    return counter.count();
  }

  private FunctionTimer storeCalls(String operation) {
    return registry.get(MeteredSessionStore.STORE_CALLS).tag(MeteredSessionStore.OPERATION, operation).functionTimer();
  }

  @Test
  void countsIssuesAndEveryValidationOutcome() {
    String token = logIn("alice").token().value();
    String revoked = logIn("bob").token().value();
    sessions.revokeAllSessionsOf("bob");
    String wrongSecret = token.substring(0, 23) + "A".repeat(43);

    assertThat(sessions.validate(token).isValid()).isTrue();
    assertThat(sessions.validate(token).isValid()).isTrue();
    assertThat(sessions.validate("junk").isValid()).isFalse();
    assertThat(sessions.validate(null).isValid()).isFalse();
    assertThat(sessions.validate(UNKNOWN_TOKEN).isValid()).isFalse();
    assertThat(sessions.validate(revoked).isValid()).isFalse();
    assertThat(sessions.validate(wrongSecret).isValid()).isFalse();
    clock.advance(IDLE.plusSeconds(1)); // past the idle deadline, still held by the store
    assertThat(sessions.validate(token).isValid()).isFalse();

    assertThat(counter(SessionMetrics.ISSUED)).isEqualTo(2);
    assertThat(counter(SessionMetrics.VALIDATIONS, "outcome", "valid")).isEqualTo(2);
    assertThat(counter(SessionMetrics.VALIDATIONS, "outcome", "malformed")).isEqualTo(2);
    assertThat(counter(SessionMetrics.VALIDATIONS, "outcome", "unknown")).isEqualTo(2);
    assertThat(counter(SessionMetrics.VALIDATIONS, "outcome", "wrong_secret")).isEqualTo(1);
    assertThat(counter(SessionMetrics.VALIDATIONS, "outcome", "expired")).isEqualTo(1);
    assertThat(registry.get(SessionMetrics.VALIDATIONS).counters()).hasSize(5);
  }

  @Test
  void countsRotationsAndRevocationsByReason() {
    IssuedSession phone = logIn("alice");
    IssuedSession laptop = logIn("alice");
    sessions.rotate(phone.token().value());
    sessions.forCurrent(phone.session()).revoke(laptop.session().id().value()); // by the user
    sessions.signOut(phone.session()); // logout
    IssuedSession tablet = logIn("carol");
    sessions.forSubject("carol").revoke(tablet.session().id().value()); // by an administrator
    logIn("dave");
    logIn("dave");
    sessions.revokeAllSessionsOf("dave"); // two at once

    assertThat(counter(SessionMetrics.ROTATIONS)).isEqualTo(1);
    assertThat(counter(SessionMetrics.REVOKED, "reason", "revoked_by_user")).isEqualTo(1);
    assertThat(counter(SessionMetrics.REVOKED, "reason", "logout")).isEqualTo(1);
    assertThat(counter(SessionMetrics.REVOKED, "reason", "revoked_by_admin")).isEqualTo(1);
    assertThat(counter(SessionMetrics.REVOKED, "reason", "all_of_subject")).isEqualTo(2);
    assertThat(counter(SessionMetrics.REVOKED, "reason", "cap_eviction")).isZero();
    assertThat(counter(SessionMetrics.CAP_EVICTIONS)).isZero();
  }

  @Test
  void countsCapEvictionsAndRefusals() {
    logIn("alice");
    clock.advance(Duration.ofSeconds(1));
    logIn("alice");
    clock.advance(Duration.ofSeconds(1));
    logIn("alice"); // the cap is 2: the least recently used goes

    assertThat(counter(SessionMetrics.CAP_EVICTIONS)).isEqualTo(1);
    assertThat(counter(SessionMetrics.REVOKED, "reason", "cap_eviction")).isEqualTo(1);
    assertThat(counter(SessionMetrics.CAP_REFUSALS)).isZero();

    SessionService refusing = SessionService.builder(store)
        .clock(clock)
        .policy(policy(2, OverflowStrategy.REJECT_NEW))
        .listener(SessionMetrics.listener(registry)) // the same counters: registries hand back a meter they hold
        .build();
    assertThatThrownBy(() -> refusing.issue("alice", ClientInfo.empty())).isInstanceOf(SessionException.class);

    assertThat(counter(SessionMetrics.CAP_REFUSALS)).isEqualTo(1);
    assertThat(counter(SessionMetrics.ISSUED)).isEqualTo(3);
  }

  @Test
  void countsPurgedSessions() {
    logIn("alice");
    logIn("bob");
    logIn("carol");
    clock.advance(IDLE.plusSeconds(1));
    logIn("dave"); // still live

    int removed = sessions.purgeExpired();

    assertThat(removed).isEqualTo(3);
    assertThat(counter(SessionMetrics.PURGED)).isEqualTo(3);
    assertThat(sessions.purgeExpired()).isZero();
    assertThat(counter(SessionMetrics.PURGED)).isEqualTo(3);
  }

  @Test
  void timesEveryStoreCallByOperation() {
    String token = logIn("alice").token().value();
    for (int i = 0; i < 5; i++) {
      sessions.validate(token);
    }
    sessions.validate("junk"); // refused before any store call
    clock.advance(Duration.ofMinutes(2));
    sessions.validate(token); // the touch interval has passed: a lookup and a touch
    sessions.forSubject("alice").count();
    sessions.purgeExpired();

    FunctionTimer lookups = storeCalls("findById");
    assertThat(lookups.count()).isEqualTo(6);
    assertThat(lookups.totalTime(TimeUnit.NANOSECONDS)).isEqualTo(6.0 * FIND_NANOS);
    assertThat(lookups.mean(TimeUnit.MILLISECONDS)).isEqualTo(2.0);
    assertThat(storeCalls("create").count()).isEqualTo(1);
    assertThat(storeCalls("create").totalTime(TimeUnit.NANOSECONDS)).isZero(); // the clock stood still
    assertThat(storeCalls("touch").count()).isEqualTo(1);
    assertThat(storeCalls("count").count()).isEqualTo(1);
    assertThat(storeCalls("purgeExpired").count()).isEqualTo(1);
    assertThat(storeCalls("rotate").count()).isZero();
    assertThat(registry.get(MeteredSessionStore.STORE_CALLS).functionTimers())
        .extracting(t -> t.getId().getTag(MeteredSessionStore.OPERATION))
        .containsExactlyInAnyOrder("create", "findById", "touch", "rotate", "updateAttributes", "list",
            "count", "revoke", "revokeAll", "purgeExpired");
  }

  @Test
  void timesCallsThatFail() {
    caffeine.close(); // the store behind the metered one: creates fail from now on

    assertThatThrownBy(() -> logIn("alice")).isInstanceOf(IllegalStateException.class);

    assertThat(storeCalls("create").count()).isEqualTo(1);
  }

  @Test
  void refusesASecondStoreWithTheSameTagsAndTakesOneOnceTheFirstIsClosed() {
    SessionStore other = CaffeineSessionStore.builder().clock(clock).build();

    assertThatThrownBy(() -> new MeteredSessionStore(other, registry))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("give each store its own tags");
    try (MeteredSessionStore tagged = new MeteredSessionStore(other, registry, io.micrometer.core.instrument.Tag.of("store", "other"))) {
      assertThat(registry.get(MeteredSessionStore.STORE_CALLS).functionTimers()).hasSize(20);
    }
    assertThat(registry.get(MeteredSessionStore.STORE_CALLS).functionTimers()).hasSize(10);

    store.close();
    MeteredSessionStore replacement = new MeteredSessionStore(other, registry);
    store.close(); // again: removes nothing of the replacement's
    assertThat(registry.get(MeteredSessionStore.STORE_CALLS).functionTimers()).hasSize(10);
    replacement.findById(SessionId.of("A".repeat(22)));
    assertThat(storeCalls("findById").count()).isEqualTo(1);
    replacement.close();
  }

  @Test
  void gaugesStoredSessionsAndRemovesTheGaugeOnClose() {
    assertThat(store.gaugesStoredSessions()).isTrue();
    assertThat(registry.get(MeteredSessionStore.STORED).gauge().value()).isZero();
    IssuedSession first = logIn("alice");
    logIn("bob");
    logIn("carol");
    assertThat(registry.get(MeteredSessionStore.STORED).gauge().value()).isEqualTo(3);
    sessions.signOut(first.session());
    assertThat(registry.get(MeteredSessionStore.STORED).gauge().value()).isEqualTo(2);

    store.close();

    assertThat(registry.find(MeteredSessionStore.STORED).gauge()).isNull();
    assertThat(registry.find(MeteredSessionStore.STORE_CALLS).meters()).isEmpty();
    assertThat(caffeine.estimatedSize()).isZero(); // closed: the Caffeine store drops its sessions
  }

  @Test
  void noGaugeForAStoreThatCannotTellItsSize() {
    SessionStore unsized = new ForwardingSessionStore(caffeine) {
      @Override
      public long estimatedSize() {
        return -1;
      }
    };
    SimpleMeterRegistry other = new SimpleMeterRegistry();

    MeteredSessionStore metered = new MeteredSessionStore(unsized, other);

    assertThat(metered.gaugesStoredSessions()).isFalse();
    assertThat(other.find(MeteredSessionStore.STORED).gauge()).isNull();
    assertThat(other.get(MeteredSessionStore.STORE_CALLS).functionTimers()).hasSize(10);
  }

  @Test
  void addsTheApplicationsTagsToEveryMeter() {
    SimpleMeterRegistry other = new SimpleMeterRegistry();
    SessionMetrics.Instrumented metrics =
        SessionMetrics.instrument(caffeine, other, io.micrometer.core.instrument.Tag.of("app", "demo"));
    metrics.serviceBuilder().clock(clock).build().issue("alice", ClientInfo.empty(), Map.of());

    assertThat(other.getMeters()).isNotEmpty().allSatisfy(m -> assertThat(m.getId().getTag("app")).isEqualTo("demo"));
    assertThat(other.get(SessionMetrics.ISSUED).tag("app", "demo").counter().count()).isEqualTo(1);
    assertThat(List.of(metrics.listener().toString(), metrics.store().toString()))
        .containsExactly("SessionMetrics", "MeteredSessionStore[" + caffeine + "]");
  }
}
