package dev.sessionkit.contract;

import static org.assertj.core.api.Assertions.assertThat;

import dev.sessionkit.ErrorCode;
import dev.sessionkit.IssuedSession;
import dev.sessionkit.OverflowStrategy;
import dev.sessionkit.RevocationReason;
import dev.sessionkit.SessionPolicy;
import dev.sessionkit.SessionService;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
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
    SessionService capped = capped(3, OverflowStrategy.EVICT_LEAST_RECENTLY_USED);
    List<IssuedSession> sameInstant = new ArrayList<>();
    for (int i = 0; i < 3; i++) {
      sameInstant.add(capped.issue("alice", laptop()));
    }
    sameInstant.sort(Comparator.comparing(s -> s.session().id().value()));

    // Three sessions last used at the same instant: the smallest id goes first.
    capped.issue("alice", laptop());
    assertThat(capped.validate(sameInstant.get(0).token().value()).isValid()).isFalse();

    // Use the survivors in reverse id order: now the larger id is the least recently used.
    clock.advance(TOUCH);
    capped.validate(sameInstant.get(2).token().value());
    clock.advance(TOUCH);
    capped.validate(sameInstant.get(1).token().value());
    clock.advance(TOUCH);
    var untouched = capped.forSubject("alice").list(dev.sessionkit.Pagination.first(5)).items().stream()
        .map(v -> v.session()).filter(s -> s.lastAccessedAt().equals(START)).toList();
    assertThat(untouched).hasSize(1); // the fourth login, never used since
    IssuedSession fifth = capped.issue("alice", laptop());

    assertThat(capped.validate(sameInstant.get(1).token().value()).isValid()).isTrue();
    assertThat(capped.validate(sameInstant.get(2).token().value()).isValid()).isTrue();
    assertThat(capped.validate(fifth.token().value()).isValid()).isTrue();
    assertThat(events.revoked).extracting(RecordingListener.Revoked::id)
        .containsExactly(sameInstant.get(0).session().id(), untouched.get(0).id());
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
