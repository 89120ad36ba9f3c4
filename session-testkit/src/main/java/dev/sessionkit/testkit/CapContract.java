package dev.sessionkit.testkit;

import static org.assertj.core.api.Assertions.assertThat;

import dev.sessionkit.ErrorCode;
import dev.sessionkit.IssuedSession;
import dev.sessionkit.OverflowStrategy;
import dev.sessionkit.RevocationReason;
import dev.sessionkit.SessionId;
import dev.sessionkit.SessionPolicy;
import dev.sessionkit.SessionService;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The per-subject session cap and its two strategies. */
public abstract class CapContract extends ContractFixture {

  private SessionService capped(int max, OverflowStrategy strategy) {
    return serviceWith(
        SessionPolicy.builder().idleTimeout(IDLE).touchInterval(TOUCH).maxSessionsPerSubject(max, strategy).build());
  }

  @Test
  void noCapByDefault() {
    for (int i = 0; i < 50; i++) {
      login("alice");
    }
    assertThat(service.forSubject("alice").count()).isEqualTo(50);
  }

  @Test
  void pastTheCapTheLeastRecentlyUsedSessionIsEvicted() {
    SessionService capped = capped(2, OverflowStrategy.EVICT_LEAST_RECENTLY_USED);
    IssuedSession first = capped.issue("alice", laptop());
    clock.advance(Duration.ofMinutes(1));
    IssuedSession second = capped.issue("alice", laptop());
    clock.advance(Duration.ofMinutes(1));
    assertThat(capped.validate(first.token().value()).touched()).isTrue();
    clock.advance(Duration.ofMinutes(1));

    IssuedSession third = capped.issue("alice", laptop());

    assertThat(capped.validate(second.token().value()).isValid()).isFalse();
    assertThat(capped.validate(first.token().value()).isValid()).isTrue();
    assertThat(capped.validate(third.token().value()).isValid()).isTrue();
    assertThat(capped.forSubject("alice").count()).isEqualTo(2);
    assertThat(events.revoked).containsExactly(
        new RecordingListener.Revoked(second.session().id(), RevocationReason.CAP_EVICTION));
  }

  @Test
  void rejectStrategyRefusesTheNewLoginAndKeepsTheOldOnes() {
    SessionService capped = capped(2, OverflowStrategy.REJECT_NEW);
    IssuedSession first = capped.issue("alice", laptop());
    IssuedSession second = capped.issue("alice", laptop());

    var e = assertFails(ErrorCode.SESSION_LIMIT_EXCEEDED, () -> capped.issue("alice", laptop()));

    assertThat(e.httpStatus()).isEqualTo(429);
    assertThat(capped.forSubject("alice").count()).isEqualTo(2);
    assertThat(capped.validate(first.token().value()).isValid()).isTrue();
    assertThat(capped.validate(second.token().value()).isValid()).isTrue();
    assertThat(events.created).hasSize(2);
  }

  @Test
  void expiredSessionsDoNotCountAgainstTheCap() {
    SessionService capped = capped(1, OverflowStrategy.REJECT_NEW);
    capped.issue("alice", laptop());
    clock.advance(IDLE);

    IssuedSession fresh = capped.issue("alice", laptop());

    assertThat(capped.validate(fresh.token().value()).isValid()).isTrue();
    assertThat(events.revoked).isEmpty();
  }

  @Test
  void theCapIsPerSubject() {
    SessionService capped = capped(1, OverflowStrategy.REJECT_NEW);
    capped.issue("alice", laptop());

    assertThat(capped.issue("bob", laptop()).session().subject()).isEqualTo("bob");
  }

  @Test
  void revokingMakesRoomUnderTheCap() {
    SessionService capped = capped(1, OverflowStrategy.REJECT_NEW);
    IssuedSession first = capped.issue("alice", laptop());
    capped.signOut(first.session());

    assertThat(capped.issue("alice", laptop()).session().subject()).isEqualTo("alice");
  }

  @Test
  void evictionFollowsLastUseWhateverOrderTheSessionsAreHeldInAndTiesGoByIdAscending() {
    SessionService capped = capped(5, OverflowStrategy.EVICT_LEAST_RECENTLY_USED);
    // Ten logins at one instant: every eviction is a tie on last use, broken by the smallest id.
    java.util.TreeMap<String, IssuedSession> live = new java.util.TreeMap<>();
    List<SessionId> expectedEvictions = new ArrayList<>();
    for (int i = 0; i < 10; i++) {
      if (live.size() == 5) {
        expectedEvictions.add(live.pollFirstEntry().getValue().session().id());
      }
      IssuedSession s = capped.issue("alice", laptop());
      live.put(s.session().id().value(), s);
    }
    assertThat(events.revoked).extracting(RecordingListener.Revoked::id).containsExactlyElementsOf(expectedEvictions);

    // Use the survivors, largest id first: now the last used goes last, whatever the ids.
    List<IssuedSession> byIdDescending = new ArrayList<>(live.descendingMap().values());
    for (IssuedSession s : byIdDescending) {
      clock.advance(TOUCH);
      assertThat(capped.validate(s.token().value()).touched()).isTrue();
    }
    clock.advance(TOUCH);
    capped.issue("alice", laptop());

    assertThat(events.revoked).last().extracting(RecordingListener.Revoked::id)
        .isEqualTo(byIdDescending.get(0).session().id());
    assertThat(capped.validate(byIdDescending.get(0).token().value()).isValid()).isFalse();
    assertThat(capped.validate(byIdDescending.get(1).token().value()).isValid()).isTrue();
  }

  @Test
  void aCapBelowWhatASubjectAlreadyHoldsEvictsTheWholeExcessAtTheNextLogin() {
    for (int i = 0; i < 150; i++) {
      login("alice"); // under a policy without a cap
    }
    clock.advance(TOUCH);
    SessionService capped = capped(2, OverflowStrategy.EVICT_LEAST_RECENTLY_USED);

    IssuedSession next = capped.issue("alice", laptop());

    assertThat(events.revoked).hasSize(149);
    assertThat(capped.forSubject("alice").count()).isEqualTo(2);
    assertThat(capped.validate(next.token().value()).isValid()).isTrue();
  }
}
