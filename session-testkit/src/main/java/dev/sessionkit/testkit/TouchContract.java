package dev.sessionkit.testkit;

import static org.assertj.core.api.Assertions.assertThat;

import dev.sessionkit.IssuedSession;
import dev.sessionkit.Session;
import dev.sessionkit.SessionPolicy;
import dev.sessionkit.SessionService;
import dev.sessionkit.ValidationResult;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The throttled write of the last access. */
public abstract class TouchContract extends ContractFixture {

  @Test
  void validationInsideTheTouchIntervalWritesNothing() {
    IssuedSession issued = login("alice");
    clock.advance(TOUCH.minusMillis(1));

    ValidationResult result = service.validate(issued.token().value());

    assertThat(result.touched()).isFalse();
    assertThat(result.orThrow().lastAccessedAt()).isEqualTo(START);
    assertThat(store.findById(issued.session().id()).session().lastAccessedAt()).isEqualTo(START);
  }

  @Test
  void validationAfterTheTouchIntervalWritesLastAccessAndIdleDeadline() {
    IssuedSession issued = login("alice");
    clock.advance(TOUCH);
    Instant now = clock.instant();

    ValidationResult result = service.validate(issued.token().value());

    assertThat(result.touched()).isTrue();
    Session stored = store.findById(issued.session().id()).session();
    assertThat(stored.lastAccessedAt()).isEqualTo(now);
    assertThat(stored.idleExpiresAt()).isEqualTo(now.plus(IDLE));
    assertThat(result.orThrow()).isEqualTo(stored);
  }

  @Test
  void withNoTouchIntervalRepeatedValidationsInOneMillisecondAllSucceed() {
    SessionService eager = serviceWith(SessionPolicy.builder().idleTimeout(IDLE).touchInterval(Duration.ZERO).build());
    IssuedSession issued = eager.issue("alice", laptop());

    // Each of these touches writes the values already stored: nothing changes, the session is live.
    for (int i = 0; i < 3; i++) {
      ValidationResult result = eager.validate(issued.token().value());
      assertThat(result.isValid()).as("validation %s", i).isTrue();
      assertThat(result.touched()).isTrue();
    }
  }

  @Test
  void touchDoesNotChangeTheVersion() {
    IssuedSession issued = login("alice");
    clock.advance(TOUCH);

    assertThat(service.validate(issued.token().value()).orThrow().version()).isEqualTo(1);
  }

  @Test
  void touchNeverResurrectsARevokedSession() {
    IssuedSession issued = login("alice");
    store.revoke("alice", List.of(issued.session().id()));
    clock.advance(TOUCH);

    assertThat(store.touch(issued.session().id(), clock.instant(), clock.instant().plus(IDLE))).isEmpty();
    assertThat(store.findById(issued.session().id())).isNull();
    assertThat(service.forSubject("alice").count()).isZero();
  }

  @Test
  void touchNeverExtendsAnExpiredSession() {
    IssuedSession issued = login("alice");
    clock.advance(IDLE);

    assertThat(store.touch(issued.session().id(), clock.instant(), clock.instant().plus(IDLE))).isEmpty();
    assertThat(service.validate(issued.token().value()).isValid()).isFalse();
    assertThat(service.forSubject("alice").count()).isZero();
    // Left as it was, not deleted: its token is still told apart as expired rather than unknown.
    assertThat(events.rejected).containsExactly(dev.sessionkit.InvalidTokenReason.EXPIRED);
  }

  @Test
  void touchNeverMovesLastAccessBackwards() {
    IssuedSession issued = login("alice");
    clock.advance(Duration.ofMinutes(10));
    Instant later = clock.instant();
    store.touch(issued.session().id(), later, later.plus(IDLE));

    // A node whose clock is behind touches with an older time: the session is live, so the touch
    // reports it (with the newer values it kept), even though no value changed.
    assertThat(store.touch(issued.session().id(), START.plusSeconds(60), START.plusSeconds(60).plus(IDLE)))
        .hasValueSatisfying(touched -> assertThat(touched.lastAccessedAt()).isEqualTo(later));

    Session s = store.findById(issued.session().id()).session();
    assertThat(s.lastAccessedAt()).isEqualTo(later);
    assertThat(s.idleExpiresAt()).isEqualTo(later.plus(IDLE));
  }
}
