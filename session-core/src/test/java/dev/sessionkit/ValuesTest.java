package dev.sessionkit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The small value types: ids, tokens, client info, results, error codes. */
class ValuesTest {
  private static final String ID = "AAAAAAAAAAAAAAAAAAAAAA";

  @Test
  void sessionIdAcceptsOnlyCanonicalIds() {
    assertThat(SessionId.of(ID).value()).isEqualTo(ID);
    assertThat(SessionId.tryParse(ID)).contains(new SessionId(ID));
    for (String bad : new String[] {null, "", "A", ID + "A", "AAAAAAAAAAAAAAAAAAAAAB", "AAAAAAAAAAAAAAAAAAAAA+"}) {
      assertThat(SessionId.tryParse(bad)).isEmpty();
      assertThat(catchThrowableOfType(SessionException.class, () -> SessionId.of(bad)).code())
          .isEqualTo(ErrorCode.INVALID_ARGUMENT);
    }
  }

  @Test
  void tokenEqualityComparesSecretsAndToStringHidesThem() {
    String value = ID + "." + "B".repeat(42) + "A";
    SessionToken a = new SessionToken(SessionId.of(ID), value);
    SessionToken b = new SessionToken(SessionId.of(ID), value);
    SessionToken c = new SessionToken(SessionId.of(ID), ID + "." + "C".repeat(42) + "A");

    assertThat(a).isEqualTo(b).hasSameHashCodeAs(b).isNotEqualTo(c);
    assertThat(a.toString()).contains(ID).doesNotContain("BBBB");
  }

  @Test
  void clientInfoNormalisesBlankValues() {
    ClientInfo info = ClientInfo.builder().ipAddress("  ").browser(" Firefox 120 ").deviceType(null).build();

    assertThat(info.ipAddress()).isNull();
    assertThat(info.browser()).isEqualTo("Firefox 120");
    assertThat(info.deviceType()).isEqualTo(DeviceType.UNKNOWN);
    assertThat(ClientInfo.empty().toBuilder().build()).isEqualTo(ClientInfo.empty());
  }

  @Test
  void sessionRejectsAnIdleDeadlineAfterTheAbsoluteOne() {
    Instant t = Instant.parse("2026-01-01T00:00:00Z");
    var e = catchThrowableOfType(IllegalArgumentException.class,
        () -> new Session(SessionId.of(ID), "a", t, t, t, t.plusMillis(1), 1, null, null));
    assertThat(e).hasMessageContaining("idleExpiresAt");
  }

  @Test
  void sessionTouchCapsTheIdleDeadline() {
    Instant t = Instant.parse("2026-01-01T00:00:00Z");
    Session s = new Session(SessionId.of(ID), "a", t, t, t.plusSeconds(100), t.plusSeconds(10), 1, null, Map.of());

    Session touched = s.touchedAt(t.plusSeconds(5), t.plusSeconds(500));

    assertThat(touched.idleExpiresAt()).isEqualTo(t.plusSeconds(100));
    assertThat(touched.version()).isEqualTo(1);
    assertThat(s.isExpiredAt(t.plusSeconds(10))).isTrue();
    assertThat(s.isExpiredAt(t.plusMillis(9_999))).isFalse();
  }

  @Test
  void revocationResultReportsCurrentAndSingleSession() {
    Instant t = Instant.parse("2026-01-01T00:00:00Z");
    Session s = new Session(SessionId.of(ID), "a", t, t, t.plusSeconds(100), t.plusSeconds(10), 1, null, Map.of());

    RevocationResult r = RevocationResult.of(List.of(s), List.of("x"), SessionId.of(ID));

    assertThat(r.currentSessionRevoked()).isTrue();
    assertThat(r.revokedSession()).contains(s);
    assertThat(r.revokedIds()).containsExactly(s.id());
    assertThat(r.anyRevoked()).isTrue();
    assertThat(RevocationResult.of(List.of(), List.of(), null).revokedSession()).isEmpty();
  }

  @Test
  void errorCodesMapToTheUsualHttpStatuses() {
    assertThat(ErrorCode.INVALID_TOKEN.httpStatus()).isEqualTo(401);
    assertThat(ErrorCode.FORBIDDEN.httpStatus()).isEqualTo(403);
    assertThat(ErrorCode.SESSION_NOT_FOUND.httpStatus()).isEqualTo(404);
    assertThat(ErrorCode.INVALID_ARGUMENT.httpStatus()).isEqualTo(400);
    assertThat(ErrorCode.BULK_LIMIT_EXCEEDED.httpStatus()).isEqualTo(400);
    assertThat(ErrorCode.CONFLICT.httpStatus()).isEqualTo(409);
    assertThat(ErrorCode.SESSION_LIMIT_EXCEEDED.httpStatus()).isEqualTo(429);
    assertThat(ErrorCode.STORE_UNAVAILABLE.httpStatus()).isEqualTo(503);
    RuntimeException cause = new RuntimeException("db down");
    assertThat(new SessionException(ErrorCode.STORE_UNAVAILABLE, "store failed", cause)).hasCause(cause);
  }
}
