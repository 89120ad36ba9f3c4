package dev.sessionkit.testkit;

import static org.assertj.core.api.Assertions.assertThat;

import dev.sessionkit.ErrorCode;
import dev.sessionkit.InvalidTokenReason;
import dev.sessionkit.spi.StoredSession;
import java.time.Duration;
import dev.sessionkit.IssuedSession;
import java.security.SecureRandom;
import org.junit.jupiter.api.Test;

/** {@code rotate(token)}: a new secret for the same session, the old one dead at once. */
public abstract class RotationContract extends ContractFixture {

  @Test
  void rotateGivesTheSameSessionANewSecretAndKillsTheOldOne() {
    IssuedSession issued = login("alice");
    clock.advance(TOUCH.dividedBy(2));

    IssuedSession rotated = service.rotate(issued.token().value());

    assertThat(rotated.session().id()).isEqualTo(issued.session().id());
    assertThat(rotated.token().value()).isNotEqualTo(issued.token().value());
    assertThat(rotated.session().version()).isEqualTo(2);
    assertThat(rotated.session().lastAccessedAt()).isEqualTo(clock.instant());
    assertThat(service.validate(issued.token().value()).isValid()).isFalse();
    assertThat(service.validate(rotated.token().value()).isValid()).isTrue();
    assertThat(events.rotated).containsExactly(issued.session().id());
  }

  @Test
  void rotateWithTheOldTokenAfterRotationFails() {
    IssuedSession issued = login("alice");
    service.rotate(issued.token().value());

    assertFails(ErrorCode.INVALID_TOKEN, () -> service.rotate(issued.token().value()));
  }

  @Test
  void rotateRejectsExpiredMalformedAndRevokedTokens() {
    IssuedSession expired = login("alice");
    clock.advance(IDLE);
    IssuedSession revoked = login("alice");
    service.signOut(revoked.session());

    assertFails(ErrorCode.INVALID_TOKEN, () -> service.rotate(expired.token().value()));
    assertFails(ErrorCode.INVALID_TOKEN, () -> service.rotate(revoked.token().value()));
    assertFails(ErrorCode.INVALID_TOKEN, () -> service.rotate("not a token"));
    assertFails(ErrorCode.INVALID_TOKEN, () -> service.rotate(null));
  }

  @Test
  void storeRotationIsACompareAndSetOnTheHash() {
    IssuedSession issued = login("alice");
    byte[] current = store.findById(issued.session().id()).secretHash();
    byte[] stale = randomHash();
    byte[] next = randomHash();

    assertThat(store.rotate(issued.session().id(), stale, next, clock.instant(), clock.instant().plus(IDLE)))
        .isEmpty();
    assertThat(store.findById(issued.session().id()).secretHash()).isEqualTo(current);
    assertThat(store.rotate(issued.session().id(), current, next, clock.instant(), clock.instant().plus(IDLE)))
        .hasValueSatisfying(s -> assertThat(s.version()).isEqualTo(2));
    assertThat(store.findById(issued.session().id()).secretHash()).isEqualTo(next);
  }

  @Test
  void rotationKeepsTheSessionListedOnce() {
    IssuedSession issued = login("alice");
    service.rotate(issued.token().value());

    assertThat(service.forSubject("alice").count()).isEqualTo(1);
  }

  @Test
  void rotatingAnExpiredTokenIsReportedAsExpiredAndChangesNothing() {
    IssuedSession issued = login("alice");
    clock.advance(IDLE);

    assertFails(ErrorCode.INVALID_TOKEN, () -> service.rotate(issued.token().value()));

    assertThat(events.expired).containsExactly(issued.session().id());
    assertThat(events.rejected).containsExactly(InvalidTokenReason.EXPIRED);
    assertThat(events.rotated).isEmpty();
  }

  @Test
  void storeRotationNeverRevivesAnExpiredSession() {
    IssuedSession issued = login("alice");
    byte[] current = store.findById(issued.session().id()).secretHash();
    byte[] next = randomHash();
    clock.advance(IDLE);

    assertThat(store.rotate(issued.session().id(), current, next, clock.instant(), clock.instant().plus(IDLE)))
        .isEmpty();
    StoredSession after = store.findById(issued.session().id());
    if (after != null) { // a store may already have dropped it
      assertThat(after.secretHash()).isEqualTo(current);
      assertThat(after.session()).isEqualTo(issued.session());
    }
    assertThat(service.validate(issued.token().value()).isValid()).isFalse();
  }

  @Test
  void rotationSlidesTheIdleDeadline() {
    IssuedSession issued = login("alice");
    clock.advance(Duration.ofMinutes(30));

    IssuedSession rotated = service.rotate(issued.token().value());

    assertThat(rotated.session().idleExpiresAt()).isEqualTo(clock.instant().plus(IDLE));
    assertThat(store.findById(issued.session().id()).session().idleExpiresAt())
        .isEqualTo(clock.instant().plus(IDLE));
    clock.advance(Duration.ofMinutes(45)); // past the original idle deadline, inside the new one
    assertThat(service.validate(rotated.token().value()).isValid()).isTrue();
  }

  /** 32 random bytes: a hash no token of the test has. */
  private static byte[] randomHash() {
    byte[] hash = new byte[32];
    new SecureRandom().nextBytes(hash);
    return hash;
  }
}
