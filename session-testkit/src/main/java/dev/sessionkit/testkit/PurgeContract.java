package dev.sessionkit.testkit;

import static org.assertj.core.api.Assertions.assertThat;

import dev.sessionkit.IssuedSession;
import dev.sessionkit.SessionPolicy;
import dev.sessionkit.SessionService;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Deleting expired sessions in bounded batches. */
public abstract class PurgeContract extends ContractFixture {

  @Test
  void purgeRemovesExpiredSessionsAndNothingElse() {
    List<IssuedSession> old = new ArrayList<>();
    for (int i = 0; i < 5; i++) {
      old.add(login("user" + i));
    }
    clock.advance(IDLE.minus(Duration.ofMinutes(1)));
    IssuedSession live = login("alice");
    clock.advance(Duration.ofMinutes(1));

    int purged = service.purgeExpired();

    assertThat(purged).isEqualTo(5);
    for (IssuedSession s : old) {
      assertThat(store.findById(s.session().id())).isNull();
    }
    assertThat(service.validate(live.token().value()).isValid()).isTrue();
    assertThat(events.purged).containsExactly(5);
    assertThat(service.purgeExpired()).isZero();
  }

  @Test
  void oneStoreBatchNeverDeletesMoreThanAsked() {
    for (int i = 0; i < 10; i++) {
      login("user" + i);
    }
    clock.advance(IDLE);

    assertThat(store.purgeExpired(clock.instant(), 3)).isEqualTo(3);
    assertThat(store.purgeExpired(clock.instant(), 3)).isEqualTo(3);
    assertThat(store.purgeExpired(clock.instant(), 100)).isEqualTo(4);
    assertThat(store.purgeExpired(clock.instant(), 100)).isZero();
  }

  @Test
  void servicePurgeLoopsOverBatchesUntilDone() {
    SessionService small = serviceWith(SessionPolicy.builder().idleTimeout(IDLE).purgeBatchSize(3).build());
    for (int i = 0; i < 10; i++) {
      small.issue("alice", laptop());
    }
    clock.advance(IDLE);

    assertThat(small.purgeExpired()).isEqualTo(10);
    assertThat(small.forSubject("alice").count()).isZero();
  }

  @Test
  void purgeKeepsTheSubjectIndexConsistent() {
    IssuedSession old = login("alice");
    clock.advance(IDLE);
    service.purgeExpired();
    IssuedSession fresh = login("alice");

    assertThat(service.forSubject("alice").count()).isEqualTo(1);
    assertThat(service.forSubject("alice").revokeAll().revokedIds()).containsExactly(fresh.session().id());
    assertThat(store.findById(old.session().id())).isNull();
  }
}
