package dev.sessionkit.testkit;

import static org.assertj.core.api.Assertions.assertThat;

import dev.sessionkit.ErrorCode;
import dev.sessionkit.IssuedSession;
import dev.sessionkit.RevocationResult;
import dev.sessionkit.Session;
import dev.sessionkit.SessionId;
import dev.sessionkit.SessionPolicy;
import dev.sessionkit.SessionService;
import dev.sessionkit.SubjectSessions;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Revoking a list of ids: reports, limits, and all-or-nothing on bad input. */
public abstract class BulkRevocationContract extends ContractFixture {

  @Test
  void revokesTheListedSessionsAndReportsTheRest() {
    IssuedSession current = login("alice");
    IssuedSession a = login("alice");
    IssuedSession b = login("alice");
    IssuedSession keep = login("alice");
    String foreign = login("bob").session().id().value();

    RevocationResult result = service.forCurrent(current.session()).revokeList(List.of(
        a.session().id().value(), "AAAAAAAAAAAAAAAAAAAAAA", b.session().id().value(), foreign, "garbage"));

    assertThat(result.revokedIds()).containsExactlyInAnyOrder(a.session().id(), b.session().id());
    assertThat(result.notFoundIds()).containsExactly("AAAAAAAAAAAAAAAAAAAAAA", foreign, "garbage");
    assertThat(result.currentSessionRevoked()).isFalse();
    assertThat(service.validate(keep.token().value()).isValid()).isTrue();
    assertThat(service.forSubject("bob").count()).isEqualTo(1);
  }

  @Test
  void expiredSessionsAreReportedNotFound() {
    IssuedSession old = login("alice");
    clock.advance(IDLE);
    IssuedSession fresh = login("alice");
    String oldId = old.session().id().value();

    RevocationResult result = service.forSubject("alice").revokeList(List.of(oldId, fresh.session().id().value()));

    assertThat(result.revokedIds()).containsExactly(fresh.session().id());
    assertThat(result.notFoundIds()).containsExactly(oldId);
  }

  @Test
  void duplicatesAreRevokedOnce() {
    IssuedSession a = login("alice");
    String id = a.session().id().value();

    RevocationResult result = service.forSubject("alice").revokeList(List.of(id, id, id));

    assertThat(result.revokedCount()).isEqualTo(1);
    assertThat(result.notFoundIds()).isEmpty();
  }

  @Test
  void includingTheCurrentSessionSaysSo() {
    IssuedSession current = login("alice");

    RevocationResult result = service.forCurrent(current.session()).revokeList(List.of(current.session().id().value()));

    assertThat(result.currentSessionRevoked()).isTrue();
  }

  @Test
  void pastTheBulkLimitNothingIsRevokedAndUnknownIdsCountToo() {
    SessionService limited = serviceWith(SessionPolicy.builder().idleTimeout(IDLE).bulkLimit(3).build());
    IssuedSession a = login("alice");
    IssuedSession b = login("alice");
    List<String> ids = List.of(a.session().id().value(), b.session().id().value(), "unknown-1", "unknown-2");

    var e = assertFails(ErrorCode.BULK_LIMIT_EXCEEDED, () -> limited.forSubject("alice").revokeList(ids));

    assertThat(e.httpStatus()).isEqualTo(400);
    assertThat(limited.forSubject("alice").count()).isEqualTo(2);
    assertThat(events.revoked).isEmpty();
  }

  @Test
  void exactlyTheBulkLimitIsAllowed() {
    SessionService limited = serviceWith(SessionPolicy.builder().idleTimeout(IDLE).bulkLimit(3).build());
    List<String> ids = new ArrayList<>();
    for (int i = 0; i < 3; i++) {
      ids.add(login("alice").session().id().value());
    }

    assertThat(limited.forSubject("alice").revokeList(ids).revokedCount()).isEqualTo(3);
  }

  @Test
  void emptyOrNullInputIsInvalidAndChangesNothing() {
    IssuedSession a = login("alice");
    SubjectSessions alice = service.forSubject("alice");

    assertFails(ErrorCode.INVALID_ARGUMENT, () -> alice.revokeList(List.of()));
    assertFails(ErrorCode.INVALID_ARGUMENT, () -> alice.revokeList(null));
    assertFails(ErrorCode.INVALID_ARGUMENT, () -> alice.revokeList(Arrays.asList(a.session().id().value(), null)));
    assertThat(alice.count()).isEqualTo(1);
  }

  /** Stores may split long lists (the JDBC store deletes 100 ids a statement): none may be missed. */
  @Test
  void theStoreRevokesListsOfAnyLengthInOneCallAndOnlyTheSubjectsOwn() {
    List<IssuedSession> alice = new ArrayList<>();
    for (int i = 0; i < 230; i++) {
      alice.add(login("alice"));
    }
    IssuedSession bob = login("bob");
    // With bob's id and an unknown one: lists of 100, 101 and 3 ids.
    for (int length : new int[] {98, 99, 1}) {
      List<SessionId> ids = new ArrayList<>();
      for (int i = 0; i < length; i++) {
        ids.add(alice.remove(0).session().id());
      }
      ids.add(bob.session().id());
      ids.add(SessionId.of("AAAAAAAAAAAAAAAAAAAAAA"));

      List<Session> revoked = store.revoke("alice", ids);

      assertThat(revoked).extracting(Session::id).containsExactlyInAnyOrderElementsOf(ids.subList(0, length));
    }
    assertThat(service.forSubject("alice").count()).isEqualTo(alice.size()).isEqualTo(32);
    assertThat(service.validate(bob.token().value()).isValid()).isTrue();
  }
}
