package dev.sessionkit.caffeine;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.sessionkit.ClientInfo;
import dev.sessionkit.InvalidTokenReason;
import dev.sessionkit.IssuedSession;
import dev.sessionkit.SessionPolicy;
import dev.sessionkit.SessionService;
import dev.sessionkit.testkit.FakeClock;
import dev.sessionkit.testkit.RecordingListener;
import dev.sessionkit.spi.SessionStore;
import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;

/** The builder's bounds, and a clock far from today. */
class CaffeineStoreSettingsTest {

  @Test
  void closingDropsEverySessionAndRefusesWrites() {
    CaffeineStore store = (CaffeineStore) CaffeineSessionStore.builder().executor(Runnable::run).build();
    SessionService service = SessionService.builder(store).build();
    IssuedSession issued = service.issue("alice", ClientInfo.empty());
    service.issue("bob", ClientInfo.empty());
    assertThat(store.estimatedSize()).isEqualTo(2);

    store.close();
    store.close(); // harmless

    assertThat(store.estimatedSize()).isZero();
    assertThat(store.indexedIds()).as("no subject index is left behind").isZero();
    assertThat(service.validate(issued.token().value()).isValid()).isFalse();
    assertThatThrownBy(() -> service.issue("alice", ClientInfo.empty()))
        .isInstanceOf(IllegalStateException.class).hasMessageContaining("closed");
  }

  @Test
  void theSmallestStoreHoldsOneSessionAndSettingsAreChecked() {
    SessionStore one = CaffeineSessionStore.builder().maximumSize(1).executor(Runnable::run).build();
    SessionService service = SessionService.builder(one).build();
    service.issue("a", ClientInfo.empty());
    IssuedSession kept = service.issue("b", ClientInfo.empty());

    assertThat(service.validate(kept.token().value()).isValid()).isTrue();
    assertThat(one.toString()).isEqualTo("CaffeineSessionStore[size=1]");
    assertThatThrownBy(() -> CaffeineSessionStore.builder().maximumSize(0)).isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> CaffeineSessionStore.builder().expiredRetention(Duration.ofSeconds(-1)))
        .isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void expiryWorksWithAClockCenturiesAhead() {
    // Caffeine counts time in nanoseconds: the store starts its ticker at the clock's value when it
    // was built, so epoch millis of the year 2300 (past Long.MAX_VALUE in nanoseconds) cannot overflow.
    FakeClock clock = new FakeClock(Instant.parse("2300-01-01T00:00:00Z"));
    RecordingListener events = new RecordingListener();
    SessionService service = SessionService.builder(
            CaffeineSessionStore.builder().clock(clock).expiredRetention(Duration.ofMinutes(1)).executor(Runnable::run).build())
        .clock(clock).listener(events)
        .policy(SessionPolicy.builder().idleTimeout(Duration.ofHours(1)).build()).build();
    IssuedSession issued = service.issue("alice", ClientInfo.empty());

    clock.advance(Duration.ofMinutes(59));
    assertThat(service.validate(issued.token().value()).touched()).isTrue(); // idle deadline now at 119 min
    clock.advance(Duration.ofMinutes(60));
    assertThat(service.validate(issued.token().value()).isValid()).isFalse(); // expired, still retained
    clock.advance(Duration.ofMinutes(2));
    assertThat(service.validate(issued.token().value()).isValid()).isFalse(); // past the retention: gone

    assertThat(events.rejected).containsExactly(InvalidTokenReason.EXPIRED, InvalidTokenReason.UNKNOWN);
  }
}
