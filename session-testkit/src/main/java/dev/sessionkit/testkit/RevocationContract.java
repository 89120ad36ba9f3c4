package dev.sessionkit.testkit;

import static org.assertj.core.api.Assertions.assertThat;

import dev.sessionkit.CurrentSessions;
import dev.sessionkit.ErrorCode;
import dev.sessionkit.IssuedSession;
import dev.sessionkit.RevocationReason;
import dev.sessionkit.RevocationResult;
import dev.sessionkit.SubjectSessions;
import org.junit.jupiter.api.Test;

/** Revoke one, all, all others; sign out; disable a subject. */
public abstract class RevocationContract extends ContractFixture {

  @Test
  void revokeOneReturnsItsLastStateAndItStopsValidating() {
    IssuedSession current = login("alice");
    IssuedSession other = login("alice");

    RevocationResult result = service.forCurrent(current.session()).revoke(other.session().id().value());

    assertThat(result.revokedSession()).contains(other.session());
    assertThat(result.revokedCount()).isEqualTo(1);
    assertThat(result.currentSessionRevoked()).isFalse();
    assertThat(service.validate(other.token().value()).isValid()).isFalse();
    assertThat(store.findById(other.session().id())).isNull();
    assertThat(service.validate(current.token().value()).isValid()).isTrue();
    assertThat(events.revoked).containsExactly(
        new RecordingListener.Revoked(other.session().id(), RevocationReason.REVOKED_BY_USER));
  }

  @Test
  void revokingTheCurrentSessionSaysSo() {
    IssuedSession current = login("alice");

    RevocationResult result = service.forCurrent(current.session()).revoke(current.session().id().value());

    assertThat(result.currentSessionRevoked()).isTrue();
    assertThat(service.validate(current.token().value()).isValid()).isFalse();
  }

  @Test
  void revokingAnUnknownOrMalformedIdIsNotFound() {
    SubjectSessions alice = service.forCurrent(login("alice").session());

    assertFails(ErrorCode.SESSION_NOT_FOUND, () -> alice.revoke("AAAAAAAAAAAAAAAAAAAAAA"));
    assertFails(ErrorCode.SESSION_NOT_FOUND, () -> alice.revoke("not-an-id"));
    assertFails(ErrorCode.SESSION_NOT_FOUND, () -> alice.revoke(""));
    assertFails(ErrorCode.INVALID_ARGUMENT, () -> alice.revoke((String) null));
    assertThat(alice.count()).isEqualTo(1);
  }

  @Test
  void revokingTwiceIsNotFoundTheSecondTime() {
    IssuedSession s = login("alice");
    SubjectSessions alice = service.forSubject("alice");
    alice.revoke(s.session().id().value());

    assertFails(ErrorCode.SESSION_NOT_FOUND, () -> alice.revoke(s.session().id().value()));
  }

  @Test
  void revokeAllIncludingCurrentSignsOutEverywhere() {
    IssuedSession current = login("alice");
    login("alice");
    login("alice");

    RevocationResult result = service.forCurrent(current.session()).revokeAll();

    assertThat(result.revokedCount()).isEqualTo(3);
    assertThat(result.currentSessionRevoked()).isTrue();
    assertThat(result.notFoundIds()).isEmpty();
    assertThat(service.validate(current.token().value()).isValid()).isFalse();
    assertThat(service.forSubject("alice").count()).isZero();
  }

  @Test
  void revokeOthersKeepsTheCurrentSession() {
    IssuedSession current = login("alice");
    IssuedSession other1 = login("alice");
    IssuedSession other2 = login("alice");

    RevocationResult result = service.forCurrent(current.session()).revokeOthers();

    assertThat(result.revokedIds()).containsExactlyInAnyOrder(other1.session().id(), other2.session().id());
    assertThat(result.currentSessionRevoked()).isFalse();
    assertThat(service.validate(current.token().value()).isValid()).isTrue();
    assertThat(service.forSubject("alice").count()).isEqualTo(1);
  }

  @Test
  void adminRevokeAllRevokesEverythingWithTheAdminReason() {
    login("alice");
    login("alice");

    SubjectSessions admin = service.forSubject("alice");
    assertThat(admin).as("an admin view has no current session to keep, so no revokeOthers")
        .isNotInstanceOf(CurrentSessions.class);

    RevocationResult result = admin.revokeAll();

    assertThat(result.revokedCount()).isEqualTo(2);
    assertThat(result.currentSessionRevoked()).isFalse();
    assertThat(events.revoked).extracting(RecordingListener.Revoked::reason)
        .containsOnly(RevocationReason.REVOKED_BY_ADMIN);
  }

  @Test
  void signOutRevokesOnlyTheCurrentSessionAndIsIdempotent() {
    IssuedSession current = login("alice");
    IssuedSession other = login("alice");

    RevocationResult first = service.signOut(current.session());
    RevocationResult second = service.signOut(current.session());

    assertThat(first.currentSessionRevoked()).isTrue();
    assertThat(first.revokedIds()).containsExactly(current.session().id());
    assertThat(second.revokedCount()).isZero();
    assertThat(service.validate(other.token().value()).isValid()).isTrue();
    assertThat(events.revoked).containsExactly(
        new RecordingListener.Revoked(current.session().id(), RevocationReason.LOGOUT));
  }

  @Test
  void revokingAllSessionsOfASubjectEndsThemButDoesNotBlockTheNextLogin() {
    login("alice");
    login("alice");
    IssuedSession bob = login("bob");

    RevocationResult result = service.revokeAllSessionsOf("alice");

    assertThat(result.revokedCount()).isEqualTo(2);
    assertThat(service.forSubject("alice").count()).isZero();
    assertThat(service.validate(bob.token().value()).isValid()).isTrue();
    assertThat(events.revoked).extracting(RecordingListener.Revoked::reason)
        .containsOnly(RevocationReason.ALL_OF_SUBJECT);
    assertThat(service.validate(login("alice").token().value()).isValid())
        .as("blocking logins is the application's decision, not the store's").isTrue();
  }

  @Test
  void revokeAllOnASubjectWithoutSessionsRevokesNothing() {
    assertThat(service.forSubject("nobody").revokeAll().revokedCount()).isZero();
  }
}
