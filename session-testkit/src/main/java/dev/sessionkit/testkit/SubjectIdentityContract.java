package dev.sessionkit.testkit;

import static org.assertj.core.api.Assertions.assertThat;

import dev.sessionkit.ClientInfo;
import dev.sessionkit.ErrorCode;
import dev.sessionkit.IssuedSession;
import dev.sessionkit.OverflowStrategy;
import dev.sessionkit.Pagination;
import dev.sessionkit.SessionException;
import dev.sessionkit.SessionPolicy;
import dev.sessionkit.SessionService;
import dev.sessionkit.Session;
import dev.sessionkit.SessionView;
import dev.sessionkit.SortDirection;
import dev.sessionkit.SortField;
import dev.sessionkit.spi.AttributeUpdate;
import dev.sessionkit.spi.CreateOutcome;
import dev.sessionkit.spi.SessionQuery;
import dev.sessionkit.spi.StoredSession;
import dev.sessionkit.spi.SubjectCap;
import java.security.SecureRandom;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * Subjects that look alike, or that a database could read alike, never reach each other's sessions
 * or cap: each one is either refused at the API or kept apart, on every store. A PAD SPACE collation
 * makes "x" and "x " one subject; a case-insensitive one "x" and "X"; PostgreSQL's driver sends an
 * unpaired surrogate as '?'.
 */
public abstract class SubjectIdentityContract extends ContractFixture {
  /** Accepted, and each its own subject. */
  static final List<String> DISTINCT = List.of(
      "x", "X", "x x", "x\u200B", "xx", "x?", "x??", "x\uD83D\uDE00", "\u00E9", "e\u0301", "\u00DF", "ss",
      "\u0130", "i", "x%", "x_", "x'", "x\\", "x;--");

  /** Refused everywhere: control characters, malformed UTF-16, blank subjects. */
  static final List<String> REFUSED = List.of(
      "x\t", "x\n", "x\u0000", "x\u0085", "x\uD800", "x\uDC00", "\uDE00x", "x\uD83D", "\uD800\uD800",
      " ", "\u00A0", "\u3000 ");

  /**
   * Spaces at either end (U+00A0 and U+3000 too): refused for new sessions, allowed for lookups and
   * revokes (rows stored before subjects were checked stay manageable), where they reach nothing of
   * the subject without the spaces.
   */
  static final List<String> PADDED = List.of("x ", " x", "x\u00A0", "\u00A0x", "x\u3000", "x\u2007");

  @Test
  void refusedSubjectsAreRefusedEverywhereAndStoreNothing() {
    for (String subject : REFUSED) {
      assertFails(ErrorCode.INVALID_ARGUMENT, () -> service.issue(subject, laptop()));
      assertFails(ErrorCode.INVALID_ARGUMENT, () -> service.forSubject(subject));
      assertFails(ErrorCode.INVALID_ARGUMENT, () -> service.revokeAllSessionsOf(subject));
    }
    for (String subject : PADDED) {
      assertFails(ErrorCode.INVALID_ARGUMENT, () -> service.issue(subject, laptop()));
    }
    assertThat(events.created).isEmpty();
  }

  @Test
  void paddedSubjectsMayBeLookedUpButReachNothingOfTheSubjectWithoutTheSpaces() {
    IssuedSession x = login("x");
    for (String subject : PADDED) {
      assertThat(service.forSubject(subject).count()).as("count of %s", escaped(subject)).isZero();
      assertThat(service.forSubject(subject).find(x.session().id().value())).isEmpty();
      assertThat(service.forSubject(subject).revokeList(List.of(x.session().id().value())).revokedCount()).isZero();
      assertThat(service.revokeAllSessionsOf(subject).revokedCount()).isZero();
    }
    assertThat(service.validate(x.token().value()).isValid()).isTrue();
  }

  @Test
  void lookAlikeSubjectsNeverSeeCountOrRevokeEachOthersSessions() {
    Map<String, IssuedSession> sessions = new LinkedHashMap<>();
    for (String subject : DISTINCT) {
      sessions.put(subject, login(subject));
    }

    for (String subject : DISTINCT) {
      assertThat(service.forSubject(subject).count()).as("count of %s", escaped(subject)).isEqualTo(1);
      assertThat(service.forSubject(subject).list(Pagination.first(10)).items())
          .as("list of %s", escaped(subject))
          .extracting(SessionView::id).containsExactly(sessions.get(subject).session().id());
      assertThat(service.validate(sessions.get(subject).token().value()).orThrow().subject()).isEqualTo(subject);
    }
    for (String subject : DISTINCT) {
      for (IssuedSession other : sessions.values()) {
        if (!other.session().subject().equals(subject)) {
          String id = other.session().id().value();
          assertThat(service.forSubject(subject).find(id)).as("%s finds a look-alike's session", escaped(subject)).isEmpty();
          assertThat(service.forSubject(subject).revokeList(List.of(id)).revokedCount()).isZero();
          assertFails(ErrorCode.SESSION_NOT_FOUND,
              () -> service.forSubject(subject).updateAttributes(id, 1, Map.of("k", "v")));
        }
      }
    }

    assertThat(service.revokeAllSessionsOf("x").revokedIds()).containsExactly(sessions.get("x").session().id());
    assertThat(service.forSubject("x ".strip()).count()).isZero();
    for (String subject : DISTINCT) {
      if (!subject.equals("x")) {
        assertThat(service.validate(sessions.get(subject).token().value()).isValid())
            .as("%s survives revoking all of x", escaped(subject)).isTrue();
      }
    }
  }

  @Test
  void lookAlikeSubjectsNeverCountAgainstEachOthersCap() {
    SessionService capped = serviceWith(SessionPolicy.builder().idleTimeout(IDLE)
        .maxSessionsPerSubject(1, OverflowStrategy.REJECT_NEW).build());

    for (String subject : DISTINCT) {
      assertThat(capped.issue(subject, laptop()).session().subject()).isEqualTo(subject);
    }
    for (String subject : DISTINCT) {
      assertFails(ErrorCode.SESSION_LIMIT_EXCEEDED, () -> capped.issue(subject, laptop()));
    }
  }

  @Test
  void anEvictingCapEvictsOnlyTheSubjectsOwnSessions() {
    SessionService capped = serviceWith(SessionPolicy.builder().idleTimeout(IDLE)
        .maxSessionsPerSubject(1, OverflowStrategy.EVICT_LEAST_RECENTLY_USED).build());
    IssuedSession lower = capped.issue("x", laptop());
    IssuedSession upper = capped.issue("X", laptop());
    IssuedSession spaced = capped.issue("x\u200B", laptop());

    capped.issue("x", laptop());

    assertThat(capped.validate(lower.token().value()).isValid()).isFalse();
    assertThat(capped.validate(upper.token().value()).isValid()).isTrue();
    assertThat(capped.validate(spaced.token().value()).isValid()).isTrue();
  }

  /**
   * The API refuses "x ", but the store must not lean on that: whatever a store is handed, it keeps
   * apart what Java keeps apart (a row written by another tool, an older client). A PAD SPACE
   * collation fails here.
   */
  @Test
  void theStoreItselfKeepsSubjectsThatDifferOnlyByTrailingSpacesApart() {
    IssuedSession x = login("x");
    IssuedSession upper = login("X");
    SubjectCap capOfOne = new SubjectCap(1, OverflowStrategy.REJECT_NEW);
    Instant now = clock.instant();

    for (String padded : List.of("x ", "x  ", "X ")) {
      assertThat(store.count(padded, now)).as("count of \"%s\"", padded).isZero();
      assertThat(store.list(new SessionQuery(padded, now, SortField.LAST_ACCESSED, SortDirection.DESCENDING, 0, 10, null)))
          .isEmpty();
      assertThat(store.revoke(padded, List.of(x.session().id(), upper.session().id()))).isEmpty();
      assertThat(store.updateAttributes(padded, x.session().id(), 1, Map.of("k", "v"), now))
          .isEqualTo(AttributeUpdate.notFound());
      assertThat(store.revokeAll(padded, null)).isEmpty();
      Session mine = new Session(store.newId(padded, new SecureRandom()), padded, now, now, now.plus(IDLE), now.plus(IDLE), 1,
          ClientInfo.empty(), Map.of());
      assertThat(store.create(new StoredSession(mine, new byte[32]), capOfOne, now))
          .isEqualTo(CreateOutcome.created(List.of()));
      assertThat(store.count(padded, now)).isEqualTo(1);
    }
    assertThat(service.validate(x.token().value()).isValid()).isTrue();
    assertThat(service.validate(upper.token().value()).isValid()).isTrue();
    assertThat(store.count("x", now)).isEqualTo(1);
  }

  @Test
  void textComesBackExactlyAsStoredSurrogatePairsIncluded() {
    String face = "\uD83D\uDE00";
    // The cut at 512 chars falls between the two halves of the last pair: it must drop the pair.
    ClientInfo client = ClientInfo.builder()
        .userAgent("a".repeat(ClientInfo.MAX_LENGTH - 1) + face)
        .deviceName("phone " + face)
        .build();
    Map<String, String> attributes = Map.of("label" + face, "caf\u00E9 " + face, "e\u0301", "\u00E9");

    IssuedSession issued = service.issue("user" + face, client, attributes);
    var stored = service.validate(issued.token().value()).orThrow();

    assertThat(client.userAgent()).isEqualTo("a".repeat(ClientInfo.MAX_LENGTH - 1));
    assertThat(stored.subject()).isEqualTo("user" + face);
    assertThat(stored.client()).isEqualTo(client);
    assertThat(stored.attributes()).isEqualTo(attributes);
    assertThat(service.forSubject("user" + face).get(issued.session().id().value()).session()).isEqualTo(stored);
    assertThat(service.forSubject("user??").count()).isZero();
  }

  @Test
  void malformedTextInAttributesOrClientInfoIsRefusedAndStoresNothing() {
    for (String bad : new String[] {"x\uD800", "\uDC00", "a\uD83Db"}) {
      assertFails(ErrorCode.INVALID_ARGUMENT, () -> service.issue("alice", laptop(), Map.of("k", bad)));
      assertFails(ErrorCode.INVALID_ARGUMENT, () -> service.issue("alice", laptop(), Map.of(bad, "v")));
      assertFails(ErrorCode.INVALID_ARGUMENT, () -> ClientInfo.builder().deviceName(bad).build());
      assertFails(ErrorCode.INVALID_ARGUMENT, () -> ClientInfo.builder().userAgent(bad).build());
    }
    IssuedSession alice = login("alice");
    assertFails(ErrorCode.INVALID_ARGUMENT,
        () -> service.forSubject("alice").updateAttributes(alice.session().id().value(), 1, Map.of("k", "\uD800")));
    assertThat(service.forSubject("alice").count()).isEqualTo(1);
    assertThat(service.validate(alice.token().value()).orThrow().attributes()).isEmpty();
  }

  private static String escaped(String subject) {
    StringBuilder sb = new StringBuilder("\"");
    subject.chars().forEach(c -> sb.append(c < 0x20 || c > 0x7e ? String.format("\\u%04X", c) : String.valueOf((char) c)));
    return sb.append('"').toString();
  }

  static {
    // Keep the two lists honest: nothing is in both.
    for (String s : REFUSED) {
      if (DISTINCT.contains(s)) {
        throw new SessionException(ErrorCode.INTERNAL_ERROR, "a subject is both refused and accepted");
      }
    }
  }
}
