package dev.sessionkit.testkit;

import static org.assertj.core.api.Assertions.assertThat;

import dev.sessionkit.ErrorCode;
import dev.sessionkit.InvalidTokenReason;
import dev.sessionkit.IssuedSession;
import dev.sessionkit.OverflowStrategy;
import dev.sessionkit.Session;
import dev.sessionkit.SessionListener;
import dev.sessionkit.SessionPolicy;
import dev.sessionkit.SessionService;
import org.junit.jupiter.api.Test;

/** Listeners hear every event, and a failing listener breaks nothing. */
public abstract class EventsContract extends ContractFixture {

  @Test
  void eachRejectionReasonIsReported() {
    IssuedSession issued = login("alice");
    String token = issued.token().value();
    String other = login("alice").token().value();

    service.validate("junk");
    service.validate("AAAAAAAAAAAAAAAAAAAAAA" + token.substring(22));
    service.validate(token.substring(0, 22) + other.substring(22));
    clock.advance(IDLE);
    service.validate(token);

    assertThat(events.rejected).containsExactly(
        InvalidTokenReason.MALFORMED, InvalidTokenReason.UNKNOWN,
        InvalidTokenReason.WRONG_SECRET, InvalidTokenReason.EXPIRED);
    assertThat(events.suspicious).containsExactly(issued.session().id());
    assertThat(events.expired).containsExactly(issued.session().id());
  }

  @Test
  void acceptedTokensAndRefusedLoginsAreReported() {
    IssuedSession issued = login("alice");
    service.validate(issued.token().value());
    clock.advance(TOUCH);
    service.validate(issued.token().value()); // this one touches: accepted all the same
    service.validate("junk");
    SessionService capped = serviceWith(SessionPolicy.builder().idleTimeout(IDLE)
        .maxSessionsPerSubject(1, OverflowStrategy.REJECT_NEW).build());

    assertFails(ErrorCode.SESSION_LIMIT_EXCEEDED, () -> capped.issue("alice", laptop()));

    assertThat(events.accepted).containsExactly(issued.session().id(), issued.session().id());
    assertThat(events.refused).containsExactly("alice");
  }

  @Test
  void createdAndRotatedAreReported() {
    IssuedSession issued = login("alice");
    service.rotate(issued.token().value());

    assertThat(events.created).containsExactly(issued.session().id());
    assertThat(events.rotated).containsExactly(issued.session().id());
  }

  @Test
  void aFailingListenerDoesNotFailTheOperation() {
    SessionListener broken = new SessionListener() {
      @Override
      public void sessionCreated(Session session) {
        throw new IllegalStateException("listener bug");
      }

      @Override
      public void tokenRejected(InvalidTokenReason reason) {
        throw new IllegalStateException("listener bug");
      }
    };
    SessionService withBroken =
        SessionService.builder(store).clock(clock).listener(broken).listener(events).build();

    IssuedSession issued = withBroken.issue("alice", laptop());

    assertThat(withBroken.validate(issued.token().value()).isValid()).isTrue();
    assertThat(withBroken.validate("junk").isValid()).isFalse();
    assertThat(events.created).containsExactly(issued.session().id());
    assertThat(events.rejected).containsExactly(InvalidTokenReason.MALFORMED);
  }
}
