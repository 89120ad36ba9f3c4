package dev.sessionkit.testkit;

import static org.assertj.core.api.Assertions.assertThat;

import dev.sessionkit.ErrorCode;
import dev.sessionkit.IssuedSession;
import dev.sessionkit.OverflowStrategy;
import dev.sessionkit.Pagination;
import dev.sessionkit.Session;
import dev.sessionkit.spi.StoredSession;
import dev.sessionkit.spi.SubjectCap;
import dev.sessionkit.SessionId;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** Issuing a session at login. */
public abstract class IssueContract extends ContractFixture {

  @Test
  void issuedTokenIsIdDotSecretInUrlSafeBase64() {
    IssuedSession issued = login("alice");
    String token = issued.token().value();

    assertThat(token).hasSize(66).matches("[A-Za-z0-9_-]{22}\\.[A-Za-z0-9_-]{43}");
    assertThat(token).startsWith(issued.session().id().value() + ".");
    assertThat(Base64.getUrlDecoder().decode(token.substring(0, 22))).hasSize(16);
    assertThat(Base64.getUrlDecoder().decode(token.substring(23))).hasSize(32);
  }

  @Test
  void issuedTokenValidatesToTheSameSession() {
    IssuedSession issued = login("alice");

    assertThat(service.validate(issued.token().value()).session()).contains(issued.session());
  }

  @Test
  void idsAndSecretsAreUniqueAcrossManyLogins() {
    Set<String> ids = new HashSet<>();
    Set<String> secrets = new HashSet<>();
    for (int i = 0; i < 500; i++) {
      String token = login("user" + (i % 7)).token().value();
      ids.add(token.substring(0, 22));
      secrets.add(token.substring(23));
    }
    assertThat(ids).hasSize(500);
    assertThat(secrets).hasSize(500);
  }

  /**
   * A store may choose a few bits of each id (to place it near its subject's data): what it leaves
   * random must still make every id new, and every id must keep the public shape.
   */
  @Test
  void idsChosenForOneSubjectStayDistinctAndWellFormed() {
    SecureRandom random = new SecureRandom();
    Set<SessionId> ids = new HashSet<>();
    for (int i = 0; i < 2_000; i++) {
      SessionId id = store.newId("alice", random);
      assertThat(SessionId.tryParse(id.value())).contains(id);
      assertThat(Base64.getUrlDecoder().decode(id.value())).hasSize(16);
      ids.add(id);
    }
    for (int i = 0; i < 20; i++) {
      ids.add(login("alice").session().id());
    }
    assertThat(ids).hasSize(2_020);
    assertThat(ids).extracting(id -> id.value().substring(1)).doesNotHaveDuplicates();
  }

  @Test
  void storeKeepsOnlySha256OfTheSecret() throws Exception {
    IssuedSession issued = login("alice");
    byte[] secret = Base64.getUrlDecoder().decode(issued.token().value().substring(23));

    StoredSession stored = store.findById(issued.session().id());

    assertThat(stored.secretHash())
        .isEqualTo(MessageDigest.getInstance("SHA-256").digest(secret))
        .isNotEqualTo(secret);
    assertThat(stored.toString()).doesNotContain(issued.token().value().substring(23));
  }

  @Test
  void tokenNeverAppearsInToString() {
    IssuedSession issued = login("alice");
    String secret = issued.token().value().substring(23);

    assertThat(issued.token().toString()).doesNotContain(secret).contains("redacted");
    assertThat(issued.toString()).doesNotContain(secret);
    assertThat(issued.session().toString()).doesNotContain(secret);
  }

  @Test
  void newSessionCarriesTimesFromClockAndPolicy() {
    Session s = login("alice").session();

    assertThat(s.subject()).isEqualTo("alice");
    assertThat(s.createdAt()).isEqualTo(START);
    assertThat(s.lastAccessedAt()).isEqualTo(START);
    assertThat(s.expiresAt()).isEqualTo(START.plus(ABSOLUTE));
    assertThat(s.idleExpiresAt()).isEqualTo(START.plus(IDLE));
    assertThat(s.version()).isEqualTo(1);
  }

  @Test
  void clientInfoAndAttributesAreKept() {
    Session s = service.issue("alice", laptop(), Map.of("role", "owner", "tenant", "t-42")).session();

    Session found = service.forSubject("alice").get(s.id().value()).session();
    assertThat(found.client()).isEqualTo(laptop());
    assertThat(found.attributes()).containsExactlyInAnyOrderEntriesOf(Map.of("role", "owner", "tenant", "t-42"));
  }

  @Test
  void newSessionIsFindableListedAndCountedAtOnce() {
    Session s = login("alice").session();

    assertThat(store.findById(s.id())).isNotNull();
    assertThat(service.forSubject("alice").list(Pagination.firstPage()).items())
        .extracting(v -> v.id())
        .containsExactly(s.id());
    assertThat(service.forSubject("alice").count()).isEqualTo(1);
  }

  /**
   * Found by the linearizability check: a create whose id was taken evicted under the cap and then
   * dropped the existing session from the subject's index, leaving it live but unlisted and beyond
   * revoke-all. A failed create must change nothing.
   */
  @Test
  void aCreateWithATakenIdFailsAndChangesNothing() {
    IssuedSession first = login("alice");
    IssuedSession second = login("alice");
    Session copy = second.session();
    SubjectCap capOfTwo = new SubjectCap(2, OverflowStrategy.EVICT_LEAST_RECENTLY_USED);

    assertFails(ErrorCode.INTERNAL_ERROR,
        () -> store.create(new StoredSession(copy, new byte[32]), capOfTwo, clock.instant()));

    assertThat(service.validate(first.token().value()).isValid()).as("not evicted").isTrue();
    assertThat(service.validate(second.token().value()).isValid()).as("kept, with its own hash").isTrue();
    assertThat(service.forSubject("alice").list(Pagination.firstPage()).items()).hasSize(2);
    assertThat(service.forSubject("alice").revokeAll().revokedCount()).isEqualTo(2);
    assertThat(service.validate(second.token().value()).isValid()).isFalse();
  }
}
