package dev.sessionkit.testkit;

import static org.assertj.core.api.Assertions.assertThat;

import dev.sessionkit.ErrorCode;
import dev.sessionkit.IssuedSession;
import dev.sessionkit.Pagination;
import dev.sessionkit.SessionException;
import dev.sessionkit.SubjectSessions;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** User B can never see, validate or revoke user A's session, and learns nothing from trying. */
public abstract class OwnershipContract extends ContractFixture {
  private IssuedSession alice;
  private String aliceId;
  private String unknownId;
  private SubjectSessions bob;

  @BeforeEach
  void twoUsers() {
    alice = login("alice");
    aliceId = alice.session().id().value();
    unknownId = "AAAAAAAAAAAAAAAAAAAAAA";
    bob = service.forCurrent(login("bob").session());
  }

  @Test
  void foreignIdIsNotFoundExactlyLikeAnUnknownId() {
    SessionException foreign = assertFails(ErrorCode.SESSION_NOT_FOUND, () -> bob.get(aliceId));
    SessionException unknown = assertFails(ErrorCode.SESSION_NOT_FOUND, () -> bob.get(unknownId));

    assertThat(foreign.getMessage()).isEqualTo(unknown.getMessage());
    assertThat(foreign.httpStatus()).isEqualTo(unknown.httpStatus()).isEqualTo(404);
    assertThat(bob.find(aliceId)).isEmpty();
  }

  @Test
  void foreignSessionIsNeverActiveForAnotherUser() {
    assertThat(bob.isActive(aliceId)).isFalse();
    assertThat(bob.isActive(unknownId)).isFalse();
    assertThat(service.forSubject("alice").isActive(aliceId)).isTrue();
  }

  @Test
  void foreignSessionCannotBeRevoked() {
    SessionException foreign = assertFails(ErrorCode.SESSION_NOT_FOUND, () -> bob.revoke(aliceId));
    SessionException unknown = assertFails(ErrorCode.SESSION_NOT_FOUND, () -> bob.revoke(unknownId));

    assertThat(foreign.getMessage()).isEqualTo(unknown.getMessage());
    assertThat(service.validate(alice.token().value()).isValid()).isTrue();
  }

  @Test
  void foreignIdInBulkRevokeIsReportedNotFoundAndLeftAlone() {
    var result = bob.revokeList(List.of(aliceId, unknownId));

    assertThat(result.revokedCount()).isZero();
    assertThat(result.notFoundIds()).containsExactly(aliceId, unknownId);
    assertThat(service.validate(alice.token().value()).isValid()).isTrue();
  }

  @Test
  void foreignSessionAttributesCannotBeChanged() {
    assertFails(ErrorCode.SESSION_NOT_FOUND, () -> bob.updateAttributes(aliceId, 1, Map.of("x", "y")));
    assertThat(store.findById(alice.session().id()).session().attributes()).isEmpty();
  }

  @Test
  void listsAndCountsShowOnlyOwnSessions() {
    assertThat(bob.list(Pagination.firstPage()).items()).extracting(v -> v.session().subject())
        .containsOnly("bob");
    assertThat(bob.count()).isEqualTo(1);
  }

  @Test
  void revokeAllOfOneUserLeavesOthersAlone() {
    bob.revokeAll();

    assertThat(service.validate(alice.token().value()).isValid()).isTrue();
    assertThat(service.forSubject("alice").count()).isEqualTo(1);
  }

  @Test
  void adminViewOfOneSubjectDoesNotReachAnother() {
    SubjectSessions adminOnBob = service.forSubject("bob");

    assertFails(ErrorCode.SESSION_NOT_FOUND, () -> adminOnBob.get(aliceId));
    assertFails(ErrorCode.SESSION_NOT_FOUND, () -> adminOnBob.revoke(aliceId));
    assertThat(service.validate(alice.token().value()).isValid()).isTrue();
  }

  @Test
  void storeRevokeIgnoresIdsOfOtherSubjects() {
    assertThat(store.revoke("bob", List.of(alice.session().id()))).isEmpty();
    assertThat(store.findById(alice.session().id())).isNotNull();
  }
}
