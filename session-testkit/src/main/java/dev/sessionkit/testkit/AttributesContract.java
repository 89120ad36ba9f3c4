package dev.sessionkit.testkit;

import static org.assertj.core.api.Assertions.assertThat;

import dev.sessionkit.ErrorCode;
import dev.sessionkit.IssuedSession;
import dev.sessionkit.Session;
import dev.sessionkit.SubjectSessions;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Versions and optimistic attribute updates. */
public abstract class AttributesContract extends ContractFixture {

  @Test
  void updateWithTheCurrentVersionReplacesAttributesAndBumpsTheVersion() {
    IssuedSession issued = service.issue("alice", laptop(), Map.of("theme", "dark"));
    SubjectSessions alice = service.forCurrent(issued.session());

    Session updated = alice.updateAttributes(issued.session().id().value(), 1, Map.of("theme", "light", "lang", "sk"));

    assertThat(updated.version()).isEqualTo(2);
    assertThat(updated.attributes()).containsExactlyInAnyOrderEntriesOf(Map.of("theme", "light", "lang", "sk"));
    assertThat(alice.get(issued.session().id().value()).session()).isEqualTo(updated);
    assertThat(service.validate(issued.token().value()).orThrow().attributes()).containsEntry("lang", "sk");
  }

  @Test
  void staleVersionIsAConflictAndChangesNothing() {
    IssuedSession issued = login("alice");
    SubjectSessions alice = service.forSubject("alice");
    String id = issued.session().id().value();
    alice.updateAttributes(id, 1, Map.of("step", "one"));

    var e = assertFails(ErrorCode.CONFLICT, () -> alice.updateAttributes(id, 1, Map.of("step", "two")));

    assertThat(e.httpStatus()).isEqualTo(409);
    assertThat(e.getMessage()).as("the conflict names the version to retry with").contains("is at version 2, not 1");
    Session now = alice.get(id).session();
    assertThat(now.version()).isEqualTo(2);
    assertThat(now.attributes()).containsExactly(Map.entry("step", "one"));
  }

  @Test
  void versionSurvivesTouchesSoUpdatesAfterUseStillApply() {
    IssuedSession issued = login("alice");
    clock.advance(TOUCH);
    service.validate(issued.token().value());

    Session updated = service.forSubject("alice").updateAttributes(issued.session().id().value(), 1, Map.of("a", "b"));

    assertThat(updated.version()).isEqualTo(2);
    assertThat(updated.lastAccessedAt()).isEqualTo(clock.instant());
  }

  @Test
  void everyChangeIncreasesTheVersion() {
    IssuedSession issued = login("alice");
    String id = issued.session().id().value();
    SubjectSessions alice = service.forSubject("alice");

    long v1 = alice.get(id).session().version();
    alice.updateAttributes(id, v1, Map.of("k", "1"));
    IssuedSession rotated = service.rotate(issued.token().value());
    alice.updateAttributes(id, rotated.session().version(), Map.of("k", "2"));

    assertThat(alice.get(id).session().version()).isEqualTo(4);
  }

  @Test
  void updatingAnUnknownOrExpiredSessionIsNotFound() {
    IssuedSession issued = login("alice");
    clock.advance(IDLE);

    assertFails(ErrorCode.SESSION_NOT_FOUND,
        () -> service.forSubject("alice").updateAttributes(issued.session().id().value(), 1, Map.of()));
    assertFails(ErrorCode.SESSION_NOT_FOUND,
        () -> service.forSubject("alice").updateAttributes("AAAAAAAAAAAAAAAAAAAAAA", 1, Map.of()));
  }

  @Test
  void badAttributesAreInvalidAndChangeNothing() {
    IssuedSession issued = login("alice");
    String id = issued.session().id().value();
    SubjectSessions alice = service.forSubject("alice");
    Map<String, String> nullValue = new HashMap<>();
    nullValue.put("k", null);
    Map<String, String> tooMany = new HashMap<>();
    for (int i = 0; i < 65; i++) {
      tooMany.put("k" + i, "v");
    }

    assertFails(ErrorCode.INVALID_ARGUMENT, () -> alice.updateAttributes(id, 1, null));
    assertFails(ErrorCode.INVALID_ARGUMENT, () -> alice.updateAttributes(id, 1, nullValue));
    assertFails(ErrorCode.INVALID_ARGUMENT, () -> alice.updateAttributes(id, 1, Map.of(" ", "v")));
    assertFails(ErrorCode.INVALID_ARGUMENT, () -> alice.updateAttributes(id, 1, tooMany));
    assertFails(ErrorCode.INVALID_ARGUMENT, () -> alice.updateAttributes(id, 1, Map.of("k", "x".repeat(4097))));
    assertThat(alice.get(id).session().version()).isEqualTo(1);
  }
}
