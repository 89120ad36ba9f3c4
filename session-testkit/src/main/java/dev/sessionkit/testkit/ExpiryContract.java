package dev.sessionkit.testkit;

import static org.assertj.core.api.Assertions.assertThat;

import dev.sessionkit.ErrorCode;
import dev.sessionkit.InvalidTokenReason;
import dev.sessionkit.IssuedSession;
import dev.sessionkit.Pagination;
import dev.sessionkit.SessionPolicy;
import dev.sessionkit.SessionService;
import java.time.Duration;
import org.junit.jupiter.api.Test;

/** Idle and absolute expiry, at the millisecond. */
public abstract class ExpiryContract extends ContractFixture {
  private static final Duration MS = Duration.ofMillis(1);

  @Test
  void validOneMillisecondBeforeTheIdleDeadline() {
    IssuedSession issued = login("alice");
    clock.advance(IDLE.minus(MS));

    assertThat(service.validate(issued.token().value()).isValid()).isTrue();
  }

  @Test
  void invalidAtTheIdleDeadline() {
    IssuedSession issued = login("alice");
    clock.advance(IDLE);

    assertThat(service.validate(issued.token().value()).isValid()).isFalse();
    assertThat(events.rejected).containsExactly(InvalidTokenReason.EXPIRED);
    assertThat(events.expired).containsExactly(issued.session().id());
  }

  @Test
  void useSlidesTheIdleDeadline() {
    IssuedSession issued = login("alice");
    clock.advance(Duration.ofMinutes(50));
    assertThat(service.validate(issued.token().value()).touched()).isTrue();

    clock.advance(Duration.ofMinutes(50));
    assertThat(service.validate(issued.token().value()).isValid()).isTrue();
    clock.advance(IDLE);
    assertThat(service.validate(issued.token().value()).isValid()).isFalse();
  }

  @Test
  void validOneMillisecondBeforeTheAbsoluteDeadlineAndNotAtIt() {
    SessionService strict =
        serviceWith(
            SessionPolicy.builder()
                .absoluteLifetime(Duration.ofHours(2))
                .idleTimeout(IDLE)
                .touchInterval(TOUCH)
                .build());
    IssuedSession issued = strict.issue("alice", laptop());
    String token = issued.token().value();
    // Busy use keeps the idle deadline ahead; the absolute one still ends the session.
    for (int i = 0; i < 2; i++) {
      clock.advance(Duration.ofMinutes(40));
      assertThat(strict.validate(token).isValid()).isTrue();
    }
    clock.set(issued.session().expiresAt().minus(MS));
    assertThat(strict.validate(token).orThrow().idleExpiresAt()).isEqualTo(issued.session().expiresAt());

    clock.set(issued.session().expiresAt());
    assertThat(strict.validate(token).isValid()).isFalse();
  }

  @Test
  void slidingNeverMovesTheIdleDeadlinePastTheAbsoluteOne() {
    SessionService strict =
        serviceWith(
            SessionPolicy.builder()
                .absoluteLifetime(Duration.ofMinutes(90))
                .idleTimeout(IDLE)
                .touchInterval(TOUCH)
                .build());
    IssuedSession issued = strict.issue("alice", laptop());
    clock.advance(Duration.ofMinutes(59));

    assertThat(strict.validate(issued.token().value()).orThrow().idleExpiresAt())
        .isEqualTo(issued.session().expiresAt());
  }

  @Test
  void expiredSessionsAreNotListedCountedOrFound() {
    IssuedSession old = login("alice");
    clock.advance(IDLE.minus(Duration.ofMinutes(10)));
    IssuedSession fresh = login("alice");
    clock.advance(Duration.ofMinutes(10));

    var alice = service.forSubject("alice");
    assertThat(alice.list(Pagination.firstPage().withTotal()).items()).extracting(v -> v.id())
        .containsExactly(fresh.session().id());
    assertThat(alice.list(Pagination.firstPage().withTotal()).totalItems()).hasValue(1);
    assertThat(alice.count()).isEqualTo(1);
    assertThat(alice.isActive(old.session().id().value())).isFalse();
    assertFails(ErrorCode.SESSION_NOT_FOUND, () -> alice.get(old.session().id().value()));
    assertFails(ErrorCode.SESSION_NOT_FOUND, () -> alice.revoke(old.session().id().value()));
  }

  @Test
  void expiredSessionsDoNotComeBackFromRevokeAll() {
    login("alice");
    clock.advance(IDLE);
    IssuedSession fresh = login("alice");

    assertThat(service.forSubject("alice").revokeAll().revokedIds()).containsExactly(fresh.session().id());
  }
}
