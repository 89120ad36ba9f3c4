package dev.sessionkit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import dev.sessionkit.testkit.FakeClock;
import dev.sessionkit.testkit.InstrumentedStore;
import dev.sessionkit.testkit.ReferenceSessionStore;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.constraints.IntRange;
import net.jqwik.api.constraints.Size;
import net.jqwik.api.lifecycle.BeforeTry;
import org.assertj.core.api.ThrowableAssert.ThrowingCallable;

/**
 * Everything a caller can type, generated: any text as a token, a session id, a subject, a cursor,
 * attributes or client info, and any numbers as pagination. Each property states the one answer the
 * API may give (a typed result or a {@link SessionException} with the documented code, never another
 * exception) against an oracle written here independently of the code under test, and that malformed
 * tokens never reach the store.
 */
class HostileInputProperties {
  /** A well-formed token, spelled out: 16 and 32 bytes of canonical base64url around a dot. */
  private static final Pattern TOKEN =
      Pattern.compile("[A-Za-z0-9_-]{21}[AQgw]\\.[A-Za-z0-9_-]{42}[AEIMQUYcgkosw048]");

  private static final String ALPHABET = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_";

  private InstrumentedStore store;
  private FakeClock clock;
  private SessionService service;
  private IssuedSession alice;
  private IssuedSession bob;

  @BeforeTry
  void freshServiceWithTwoUsers() {
    clock = new FakeClock(Instant.parse("2026-01-01T00:00:00Z"));
    store = new InstrumentedStore(new ReferenceSessionStore());
    service = SessionService.builder(store.store()).clock(clock).build();
    for (int i = 0; i < 5; i++) {
      service.issue("alice", ClientInfo.empty());
      clock.advance(Duration.ofSeconds(1));
    }
    alice = service.issue("alice", ClientInfo.empty());
    bob = service.issue("bob", ClientInfo.empty());
  }

  // ---- tokens --------------------------------------------------------------------------------------

  @Provide
  Arbitrary<String> tokenLike() {
    Arbitrary<String> anyText = Arbitraries.strings().all().ofMaxLength(100);
    Arbitrary<String> alphabetText = Arbitraries.strings().withChars(ALPHABET + ".=+/ ").ofMinLength(60).ofMaxLength(70);
    Arbitrary<String> mutated = Combinators.combine(
            Arbitraries.integers().between(0, 65), Arbitraries.chars().all(), Arbitraries.integers().between(0, 3))
        .as((at, c, how) -> mutate(realTokenShape(), at, c, how));
    return Arbitraries.oneOf(anyText, alphabetText, mutated, Arbitraries.of("", " ", "Bearer x", "null", "."));
  }

  /** The shape of a real token, without issuing one (tries must not depend on earlier ones). */
  private static String realTokenShape() {
    return "AAAAAAAAAAAAAAAAAAAAAA." + "B".repeat(42) + "A";
  }

  private static String mutate(String token, int at, char c, int how) {
    StringBuilder sb = new StringBuilder(token);
    switch (how) {
      case 0 -> sb.setCharAt(at, c);
      case 1 -> sb.insert(at, c);
      case 2 -> sb.deleteCharAt(Math.min(at, sb.length() - 1));
      default -> sb.setCharAt(22, c);
    }
    return sb.toString();
  }

  @Property
  void anyTextAsATokenIsRefusedQuietlyAndOnlyWellFormedOnesReachTheStore(@ForAll("tokenLike") String text) {
    int callsBefore = store.calls();
    ValidationResult result = service.validate(text);

    assertThat(result.isValid()).isFalse();
    if (!TOKEN.matcher(text).matches()) {
      assertThat(store.calls()).as("store calls for a malformed token").isEqualTo(callsBefore);
    }
    assertFailsWith(ErrorCode.INVALID_TOKEN, () -> service.rotate(text));
    assertThat(service.validate(alice.token().value()).isValid()).isTrue();
  }

  @Property
  void aRealTokenWithAnyOneCharacterChangedNeverValidates(
      @ForAll @IntRange(min = 0, max = 65) int at, @ForAll char replacement) {
    String token = alice.token().value();
    String forged = token.substring(0, at) + replacement + token.substring(at + 1);

    assertThat(service.validate(forged).isValid()).isEqualTo(forged.equals(token));
  }

  // ---- session ids ---------------------------------------------------------------------------------

  @Provide
  Arbitrary<String> idLike() {
    return Arbitraries.oneOf(
        Arbitraries.strings().all().ofMaxLength(40),
        Arbitraries.strings().withChars(ALPHABET + "=.%/").ofLength(22),
        Arbitraries.of("", "current", "count", "../", "AAAAAAAAAAAAAAAAAAAAAA", "AAAAAAAAAAAAAAAAAAAAAB"));
  }

  @Property
  void anyTextAsASessionIdFindsNothingAndRevokesNothing(@ForAll("idLike") String id) {
    SubjectSessions mine = service.forCurrent(alice.session());

    assertThat(mine.find(id)).isEmpty();
    assertThat(mine.isActive(id)).isFalse();
    assertFailsWith(ErrorCode.SESSION_NOT_FOUND, () -> mine.get(id));
    assertFailsWith(ErrorCode.SESSION_NOT_FOUND, () -> mine.revoke(id));
    assertFailsWith(ErrorCode.SESSION_NOT_FOUND, () -> mine.updateAttributes(id, 1, Map.of()));
    RevocationResult bulk = mine.revokeList(List.of(id, bob.session().id().value()));
    assertThat(bulk.revokedCount()).isZero();
    assertThat(bulk.notFoundIds()).contains(id, bob.session().id().value());

    assertThat(mine.count()).isEqualTo(6);
    assertThat(service.validate(bob.token().value()).isValid()).isTrue();
  }

  // ---- subjects ------------------------------------------------------------------------------------

  @Provide
  Arbitrary<String> subjectLike() {
    Arbitrary<String> edges = Arbitraries.of(" ", "\u00A0", "\u3000", "\t", "\uD800", "\uDC00", "\uD83D\uDE00", "x");
    return Arbitraries.oneOf(
        Arbitraries.strings().all().ofMaxLength(260),
        Arbitraries.strings().alpha().numeric().withChars("@.-_ '\";%").ofMinLength(1).ofMaxLength(30),
        Combinators.combine(edges, Arbitraries.strings().alpha().ofMaxLength(5), edges).as((a, b, c) -> a + b + c));
  }

  /** The documented rule, written out: 1..255 chars, well-formed, no controls, no space at either end. */
  private static boolean acceptable(String subject) {
    return acceptableForLookups(subject) && !edgeSpace(subject);
  }

  /** For lookups and revokes the same, but spaces at the ends are allowed (not a blank subject). */
  private static boolean acceptableForLookups(String subject) {
    if (subject.isEmpty() || subject.length() > 255) {
      return false;
    }
    boolean wellFormed = new String(subject.getBytes(StandardCharsets.UTF_8), StandardCharsets.UTF_8).equals(subject);
    boolean controls = subject.chars().anyMatch(Character::isISOControl);
    boolean blank = subject.codePoints().allMatch(c -> Character.isWhitespace(c) || Character.isSpaceChar(c));
    return wellFormed && !controls && !blank;
  }

  private static boolean edgeSpace(String subject) {
    int first = subject.codePointAt(0);
    int last = subject.codePointBefore(subject.length());
    return Character.isWhitespace(first) || Character.isSpaceChar(first)
        || Character.isWhitespace(last) || Character.isSpaceChar(last);
  }

  @Property
  void anyTextAsASubjectIsRefusedOrKeptExactly(@ForAll("subjectLike") String subject) {
    if (!acceptable(subject)) {
      assertFailsWith(ErrorCode.INVALID_ARGUMENT, () -> service.issue(subject, ClientInfo.empty()));
      if (acceptableForLookups(subject)) {
        assertThat(service.forSubject(subject).count()).as("a padded subject reaches no one's sessions").isZero();
      } else {
        assertFailsWith(ErrorCode.INVALID_ARGUMENT, () -> service.forSubject(subject));
      }
      return;
    }
    IssuedSession issued = service.issue(subject, ClientInfo.empty());

    assertThat(service.validate(issued.token().value()).orThrow().subject()).isEqualTo(subject);
    long expected = subject.equals("alice") ? 7 : subject.equals("bob") ? 2 : 1;
    assertThat(service.forSubject(subject).count()).isEqualTo(expected);
    assertThat(service.forSubject("alice").count()).isEqualTo(subject.equals("alice") ? 7 : 6);
  }

  // ---- attributes and client info ------------------------------------------------------------------

  @Property
  void anyAttributesAreRefusedOrKeptExactly(
      @ForAll @Size(max = 3) Map<@net.jqwik.api.constraints.StringLength(max = 10) String, String> attributes) {
    SessionException e = catchThrowableOfType(SessionException.class, () -> service.issue("carol", ClientInfo.empty(), attributes));
    if (e != null) {
      assertThat(e.code()).isEqualTo(ErrorCode.INVALID_ARGUMENT);
      assertThat(service.forSubject("carol").count()).isZero();
      return;
    }
    Session stored = service.forSubject("carol").list(Pagination.firstPage()).items().get(0).session();
    assertThat(stored.attributes()).isEqualTo(attributes);
    assertThat(attributes.keySet()).allSatisfy(k -> assertThat(k).isNotBlank());
  }

  @Property
  void anyClientInfoIsRefusedOrKeptAsWellFormedTextOfAtMost512Chars(@ForAll("subjectLike") String value) {
    String doubled = value + value; // up to 520 chars: past the cut
    SessionException e = catchThrowableOfType(SessionException.class,
        () -> ClientInfo.builder().userAgent(doubled).deviceName(value).build());
    if (e != null) {
      assertThat(e.code()).isEqualTo(ErrorCode.INVALID_ARGUMENT);
      return;
    }
    IssuedSession issued = service.issue("carol", ClientInfo.builder().userAgent(doubled).deviceName(value).build());
    String kept = service.validate(issued.token().value()).orThrow().client().userAgent();
    if (kept != null) {
      assertThat(kept.length()).isLessThanOrEqualTo(ClientInfo.MAX_LENGTH);
      assertThat(new String(kept.getBytes(StandardCharsets.UTF_8), StandardCharsets.UTF_8)).isEqualTo(kept);
      assertThat(doubled.strip()).startsWith(kept);
    }
  }

  // ---- cursors and pagination ----------------------------------------------------------------------

  @Provide
  Arbitrary<String> cursorLike() {
    return Arbitraries.oneOf(
        Arbitraries.strings().all().ofMaxLength(140),
        Arbitraries.strings().withChars(ALPHABET + "=").ofMinLength(40).ofMaxLength(80),
        Combinators.combine(Arbitraries.integers().between(0, 60), Arbitraries.chars().with(ALPHABET))
            .as((at, c) -> {
              String real = realCursor();
              int i = Math.min(at, real.length() - 1);
              return real.substring(0, i) + c + real.substring(i + 1);
            }));
  }

  private static String realCursor() {
    // What a list of alice's, two items a page, hands out as its next cursor; built without a list so
    // the generator stays independent of the service under test.
    String raw = "1|0|1|1767225603000|" + "A".repeat(22);
    return java.util.Base64.getUrlEncoder().withoutPadding().encodeToString(raw.getBytes(StandardCharsets.US_ASCII));
  }

  @Property
  void anyTextAsACursorIsRefusedOrListsOnlyTheSubjectsOwnSessions(
      @ForAll("cursorLike") String cursor, @ForAll @IntRange(min = -5, max = 150) int limit) {
    SessionException e = catchThrowableOfType(SessionException.class, () -> Pagination.after(cursor, limit));
    if (e != null) {
      assertThat(e.code()).isEqualTo(ErrorCode.INVALID_ARGUMENT);
      return;
    }
    Pagination after = Pagination.after(cursor, limit);
    SessionException tooBig = catchThrowableOfType(SessionException.class,
        () -> service.forCurrent(alice.session()).list(after));
    if (tooBig != null) {
      assertThat(tooBig.code()).isEqualTo(ErrorCode.INVALID_ARGUMENT);
      assertThat(limit).isGreaterThan(service.policy().maxPageSize());
      return;
    }
    Page<SessionView> page = service.forCurrent(alice.session()).list(after);
    assertThat(page.items()).hasSizeLessThanOrEqualTo(limit)
        .allSatisfy(v -> assertThat(v.session().subject()).isEqualTo("alice"));
  }

  @Property
  void anyPaginationNumbersAreRefusedOrGiveExactlyTheRightSlice(
      @ForAll @IntRange(min = -3, max = 12) int page,
      @ForAll @IntRange(min = -3, max = 120) int size,
      @ForAll long offset) {
    List<SessionView> all = service.forSubject("alice").list(Pagination.first(100)).items();
    SubjectSessions mine = service.forCurrent(alice.session());

    SessionException pageError = catchThrowableOfType(SessionException.class, () -> Pagination.page(page, size));
    assertThat(pageError == null).isEqualTo(page >= 1 && size >= 1);
    if (pageError == null && size <= 100) {
      assertThat(ids(mine.list(Pagination.page(page, size)).items()))
          .isEqualTo(ids(slice(all, (long) (page - 1) * size, size)));
    }
    SessionException offsetError = catchThrowableOfType(SessionException.class, () -> Pagination.offset(offset, size));
    assertThat(offsetError == null).isEqualTo(offset >= 0 && size >= 1);
    if (offsetError == null && size <= 100) {
      Page<SessionView> slice = mine.list(Pagination.offset(offset, size).withTotal());
      assertThat(ids(slice.items())).isEqualTo(ids(slice(all, offset, size)));
      assertThat(slice.totalItems()).hasValue(6);
    }
    if (pageError != null) {
      assertThat(pageError.code()).isEqualTo(ErrorCode.INVALID_ARGUMENT);
    }
  }

  private static List<SessionView> slice(List<SessionView> all, long offset, int size) {
    int from = (int) Math.min(offset, all.size());
    return all.subList(from, (int) Math.min((long) from + size, all.size()));
  }

  private static List<String> ids(List<SessionView> views) {
    List<String> ids = new ArrayList<>();
    views.forEach(v -> ids.add(v.id().value()));
    return ids;
  }

  private static void assertFailsWith(ErrorCode code, ThrowingCallable call) {
    SessionException e = catchThrowableOfType(SessionException.class, call);
    assertThat(e).as("a SessionException with %s", code).isNotNull();
    assertThat(e.code()).isEqualTo(code);
  }
}
