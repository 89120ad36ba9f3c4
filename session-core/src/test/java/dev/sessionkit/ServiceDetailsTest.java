package dev.sessionkit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import dev.sessionkit.testkit.FakeClock;
import dev.sessionkit.testkit.ReferenceSessionStore;
import dev.sessionkit.spi.KeysetPosition;
import dev.sessionkit.spi.SessionQuery;
import dev.sessionkit.spi.StoredSession;
import dev.sessionkit.testsupport.CapturedLogs;
import java.security.SecureRandom;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.slf4j.event.Level;

/**
 * The service's smaller promises that the store contract does not reach: the user-agent parser hook,
 * purge reporting, builder plumbing, descriptions, and the exact bounds of every limit.
 */
class ServiceDetailsTest {
  private static final Instant T = Instant.parse("2026-01-01T00:00:00Z");
  private final FakeClock clock = new FakeClock(T);

  @Test
  void theUserAgentParserFillsOnlyWhatTheClientLeftOpen() {
    UserAgentParser parser = ua -> new UserAgentParser.UserAgentDetails("Parsed 1", "ParsedOS 2", DeviceType.TABLET);
    SessionService service = SessionService.builder(new ReferenceSessionStore()).clock(clock)
        .userAgentParser(parser).build();

    ClientInfo parsed = service.issue("a", ClientInfo.builder().userAgent("UA").build()).session().client();
    ClientInfo given = service.issue("a", ClientInfo.builder().userAgent("UA").browser("Mine")
        .operatingSystem("MyOS").deviceType(DeviceType.TV).build()).session().client();
    ClientInfo none = service.issue("a", ClientInfo.builder().deviceName("no agent").build()).session().client();

    assertThat(parsed).extracting(ClientInfo::browser, ClientInfo::operatingSystem, ClientInfo::deviceType)
        .containsExactly("Parsed 1", "ParsedOS 2", DeviceType.TABLET);
    assertThat(given).extracting(ClientInfo::browser, ClientInfo::operatingSystem, ClientInfo::deviceType)
        .containsExactly("Mine", "MyOS", DeviceType.TV);
    assertThat(none.browser()).isNull();
    assertThat(none.deviceType()).isEqualTo(DeviceType.UNKNOWN);
  }

  @Test
  void purgesReportTheirCountAndATrueElapsedTimeAndLogAtInfoOnlyWhenTheyRemovedSomething() {
    CapturedLogs logs = CapturedLogs.of(SessionService.class);
    List<Duration> elapsed = new ArrayList<>();
    AtomicInteger removed = new AtomicInteger();
    SessionService service = SessionService.builder(new ReferenceSessionStore()).clock(clock)
        .policy(SessionPolicy.builder().idleTimeout(Duration.ofHours(1)).purgeBatchSize(2).build())
        .listener(new SessionListener() {
          @Override
          public void expiredSessionsPurged(int count, Duration took) {
            removed.addAndGet(count);
            elapsed.add(took);
          }
        })
        .build();
    for (int i = 0; i < 5; i++) {
      service.issue("a", ClientInfo.empty());
    }
    clock.advance(Duration.ofHours(1));

    assertThat(service.purgeExpired()).isEqualTo(5);
    assertThat(service.purgeExpired()).isZero();

    assertThat(removed).hasValue(5);
    assertThat(elapsed).hasSize(2).allSatisfy(d -> assertThat(d).isBetween(Duration.ZERO, Duration.ofMinutes(1)));
    assertThat(logs.messages(Level.INFO)).singleElement().asString().startsWith("purged 5 expired sessions");
    assertThat(logs.messages(Level.DEBUG)).anySatisfy(m -> assertThat(m).startsWith("no expired sessions to purge"));
  }

  @Test
  void builderSettersChainAndTheServiceDescribesItselfWithoutSecrets() {
    SessionPolicy policy = SessionPolicy.builder().maxPageSize(7).build();
    SessionServiceBuilder builder = SessionService.builder(new ReferenceSessionStore());
    assertThat(builder.userAgentParser(UserAgentParser.NONE)).isSameAs(builder);
    assertThat(builder.secureRandom(new SecureRandom())).isSameAs(builder);
    SessionService service = builder.policy(policy).clock(clock).build();
    IssuedSession issued = service.issue("alice", ClientInfo.empty());

    assertThat(service.policy()).isSameAs(policy);
    assertThat(service.toString()).contains("ReferenceSessionStore", "maxPageSize=7");
    assertThat(policy.toString()).contains("maxPageSize=7", "absoluteLifetime=PT720H");
    assertThat(service.forSubject("alice").subject()).isEqualTo("alice");
    assertThat(service.forSubject("alice").toString()).isEqualTo("SubjectSessions[subject=alice, admin]");
    assertThat(service.forCurrent(issued.session()).toString())
        .isEqualTo("SubjectSessions[subject=alice, current=" + issued.session().id() + "]");
    assertThat(issued.token().sessionId()).isEqualTo(issued.session().id());
    assertThat(service.validate(issued.token().value()).toString())
        .isEqualTo("ValidationResult[valid " + issued.session().id() + "]");
    assertThat(service.validate("junk").toString()).isEqualTo("ValidationResult[invalid]");
    assertThat(issued.toString()).doesNotContain(issued.token().value().substring(23));
  }

  @Test
  void theLargestPageIsAllowedAndOneMoreIsNot() {
    SessionService service = SessionService.builder(new ReferenceSessionStore()).clock(clock)
        .policy(SessionPolicy.builder().maxPageSize(3).bulkLimit(1).build()).build();
    IssuedSession issued = service.issue("alice", ClientInfo.empty());
    SubjectSessions alice = service.forCurrent(issued.session());

    assertThat(alice.list(Pagination.first(3)).items()).hasSize(1);
    assertThat(catchThrowableOfType(SessionException.class, () -> alice.list(Pagination.first(4))).code())
        .isEqualTo(ErrorCode.INVALID_ARGUMENT);
    assertThat(alice.revokeList(List.of("AAAAAAAAAAAAAAAAAAAAAA")).notFoundIds()).hasSize(1);
    assertThat(catchThrowableOfType(SessionException.class, () -> alice.revokeList(List.of("a", "b"))).code())
        .isEqualTo(ErrorCode.BULK_LIMIT_EXCEEDED);
  }

  @Test
  void attributeLimitsAreInclusive() {
    SessionService service = SessionService.builder(new ReferenceSessionStore()).clock(clock).build();
    Map<String, String> most = new java.util.HashMap<>();
    for (int i = 0; i < 64; i++) {
      most.put("k" + i, "v");
    }
    most.put("k0", "v".repeat(4096));
    most.put("k".repeat(128), "v");
    most.remove("k1");

    assertThat(service.issue("a", ClientInfo.empty(), most).session().attributes()).isEqualTo(most);
    Map<String, String> longKey = Map.of("k".repeat(129), "v");
    Map<String, String> longValue = Map.of("k", "v".repeat(4097));
    Map<String, String> tooMany = new java.util.HashMap<>(most);
    tooMany.put("k1", "v");
    tooMany.put("k-extra", "v");
    for (Map<String, String> bad : List.of(longKey, longValue, tooMany)) {
      assertThat(catchThrowableOfType(SessionException.class, () -> service.issue("a", ClientInfo.empty(), bad)).code())
          .isEqualTo(ErrorCode.INVALID_ARGUMENT);
    }
  }

  @Test
  void storeQueriesCheckTheirBoundsExactly() {
    Instant now = T;
    assertThat(new SessionQuery("a", now, SortField.CREATED, SortDirection.ASCENDING, 0, 1, null).limit()).isEqualTo(1);
    for (long[] bad : new long[][] {{-1, 10}, {0, 0}}) {
      assertThat(catchThrowableOfType(IllegalArgumentException.class,
          () -> new SessionQuery("a", now, SortField.CREATED, SortDirection.ASCENDING, bad[0], (int) bad[1], null)))
          .isNotNull();
    }
    KeysetPosition position = new KeysetPosition(now, SessionId.of("AAAAAAAAAAAAAAAAAAAAAA"));
    assertThat(catchThrowableOfType(IllegalArgumentException.class,
        () -> new SessionQuery("a", now, SortField.CREATED, SortDirection.ASCENDING, 1, 10, position))).isNotNull();
  }

  @Test
  void storedSessionsCompareByContentAndHideTheHash() {
    Session s = new Session(SessionId.of("AAAAAAAAAAAAAAAAAAAAAA"), "a", T, T, T.plusSeconds(10), T.plusSeconds(5), 1,
        ClientInfo.empty(), Map.of());
    byte[] hash = new byte[32];
    hash[0] = 42;
    StoredSession a = new StoredSession(s, hash);
    StoredSession b = new StoredSession(s, hash.clone());
    StoredSession otherHash = new StoredSession(s, new byte[32]);
    StoredSession otherSession = new StoredSession(s.nextVersion(), hash);

    assertThat(a).isEqualTo(b).hasSameHashCodeAs(b).isNotEqualTo(otherHash).isNotEqualTo(otherSession)
        .isNotEqualTo("a string");
    assertThat(a.hashCode()).isEqualTo(s.hashCode());
    assertThat(a.toString()).isEqualTo("StoredSession[" + s + ", secretHash=<redacted>]");
    assertThat(s.effectiveExpiresAt()).isEqualTo(T.plusSeconds(5));
  }

  @Test
  void tokenHashCodesSpreadAndEmptyResultsSayNothingWasRevoked() {
    SessionService service = SessionService.builder(new ReferenceSessionStore()).clock(clock).build();
    Set<Integer> hashes = new HashSet<>();
    for (int i = 0; i < 20; i++) {
      hashes.add(service.issue("a", ClientInfo.empty()).token().hashCode());
    }
    assertThat(hashes).hasSizeGreaterThan(1);
    assertThat(RevocationResult.of(List.of(), List.of(), null).anyRevoked()).isFalse();
  }

  @Test
  void clientInfoWithoutADeviceTypeIsUnknown() {
    assertThat(new ClientInfo(null, null, null, null, null, null, null, null, null).deviceType())
        .isEqualTo(DeviceType.UNKNOWN);
    assertThat(new ClientInfo(null, null, null, null, DeviceType.MOBILE, null, null, null, null).deviceType())
        .isEqualTo(DeviceType.MOBILE);
  }
}
