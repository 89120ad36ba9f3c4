package dev.sessionkit.testkit;

import static org.assertj.core.api.Assertions.assertThat;

import dev.sessionkit.ClientInfo;
import dev.sessionkit.ErrorCode;
import dev.sessionkit.SubjectSessions;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Bad input gets a typed error and changes nothing. */
public abstract class BadInputContract extends ContractFixture {

  @Test
  void badSubjectsAreRejectedAndNothingIsStored() {
    for (String subject : new String[] {null, "", "   ", "x".repeat(256), "ali\nce", "bob\0"}) {
      assertFails(ErrorCode.INVALID_ARGUMENT, () -> service.issue(subject, laptop()));
      assertFails(ErrorCode.INVALID_ARGUMENT, () -> service.forSubject(subject));
    }
    assertFails(ErrorCode.INVALID_ARGUMENT, () -> service.revokeAllSessionsOf(""));
    assertThat(events.created).isEmpty();
  }

  @Test
  void longestSubjectIsAccepted() {
    String subject = "s".repeat(255);
    assertThat(service.issue(subject, laptop()).session().subject()).isEqualTo(subject);
  }

  @Test
  void missingClientOrAttributesAreRejected() {
    assertFails(ErrorCode.INVALID_ARGUMENT, () -> service.issue("alice", null));
    assertFails(ErrorCode.INVALID_ARGUMENT, () -> service.issue("alice", laptop(), null));
    assertFails(ErrorCode.INVALID_ARGUMENT, () -> service.issue("alice", laptop(), Map.of("", "v")));
    Map<String, String> tooMany = new java.util.HashMap<>();
    for (int i = 0; i < 65; i++) {
      tooMany.put("k" + i, "v");
    }
    assertFails(ErrorCode.INVALID_ARGUMENT, () -> service.issue("alice", laptop(), tooMany));
    assertThat(service.forSubject("alice").count()).isZero();
  }

  @Test
  void clientInfoRejectsControlCharactersAndCutsOverlongValues() {
    assertFails(ErrorCode.INVALID_ARGUMENT, () -> ClientInfo.builder().userAgent("evil\r\nX-Injected: 1").build());

    ClientInfo huge = ClientInfo.builder().userAgent("U".repeat(10_000)).build();
    var stored = service.issue("alice", huge).session();

    assertThat(stored.client().userAgent()).hasSize(ClientInfo.MAX_LENGTH);
  }

  @Test
  void nullIdsAreInvalidArguments() {
    SubjectSessions alice = service.forCurrent(login("alice").session());

    assertFails(ErrorCode.INVALID_ARGUMENT, () -> alice.get(null));
    assertFails(ErrorCode.INVALID_ARGUMENT, () -> alice.find(null));
    assertFails(ErrorCode.INVALID_ARGUMENT, () -> alice.isActive(null));
    assertFails(ErrorCode.INVALID_ARGUMENT, () -> service.signOut(null));
    assertFails(ErrorCode.INVALID_ARGUMENT, () -> service.forCurrent(null));
    assertThat(alice.count()).isEqualTo(1);
  }

  @Test
  void junkIdsAreSimplyNotFound() {
    SubjectSessions alice = service.forCurrent(login("alice").session());

    for (String junk : new String[] {"", "x", "x".repeat(10_000), "AAAAAAAAAAAAAAAAAAAAAB", "../../etc", "'; DROP TABLE sessions; --"}) {
      assertThat(alice.find(junk)).isEmpty();
      assertThat(alice.isActive(junk)).isFalse();
      assertFails(ErrorCode.SESSION_NOT_FOUND, () -> alice.get(junk));
    }
  }
}
