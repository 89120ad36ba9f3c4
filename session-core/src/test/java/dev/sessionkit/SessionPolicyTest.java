package dev.sessionkit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import java.time.Duration;
import org.assertj.core.api.ThrowableAssert.ThrowingCallable;
import org.junit.jupiter.api.Test;

class SessionPolicyTest {

  /** A configuration error is the programmer's: IllegalArgumentException, as in every builder. */
  private static void invalid(ThrowingCallable call) {
    assertThat(catchThrowableOfType(IllegalArgumentException.class, call)).isNotNull();
  }

  @Test
  void defaultsAreDocumented() {
    SessionPolicy p = SessionPolicy.defaults();

    assertThat(p.absoluteLifetime()).isEqualTo(Duration.ofDays(30));
    assertThat(p.idleTimeout()).isEqualTo(Duration.ofDays(7));
    assertThat(p.touchInterval()).isEqualTo(Duration.ofMinutes(1));
    assertThat(p.maxSessionsPerSubject()).isZero();
    assertThat(p.maxPageSize()).isEqualTo(100);
    assertThat(p.bulkLimit()).isEqualTo(100);
    assertThat(p.purgeBatchSize()).isEqualTo(1000);
  }

  @Test
  void defaultIdleTimeoutShrinksToAShortAbsoluteLifetime() {
    SessionPolicy p = SessionPolicy.builder().absoluteLifetime(Duration.ofHours(8)).build();

    assertThat(p.idleTimeout()).isEqualTo(Duration.ofHours(8));
  }

  @Test
  void noIdleTimeoutMeansTheAbsoluteLifetime() {
    SessionPolicy p = SessionPolicy.builder().absoluteLifetime(Duration.ofDays(2)).noIdleTimeout().build();

    assertThat(p.idleTimeout()).isEqualTo(Duration.ofDays(2));
  }

  @Test
  void settersRejectNonsenseAtOnce() {
    invalid(() -> SessionPolicy.builder().absoluteLifetime(Duration.ZERO));
    invalid(() -> SessionPolicy.builder().absoluteLifetime(Duration.ofSeconds(-1)));
    invalid(() -> SessionPolicy.builder().idleTimeout(Duration.ofNanos(10)));
    invalid(() -> SessionPolicy.builder().touchInterval(Duration.ofSeconds(-1)));
    invalid(() -> SessionPolicy.builder().maxSessionsPerSubject(0, OverflowStrategy.REJECT_NEW));
    invalid(() -> SessionPolicy.builder().maxPageSize(0));
    invalid(() -> SessionPolicy.builder().bulkLimit(-3));
    invalid(() -> SessionPolicy.builder().purgeBatchSize(0));
    invalid(() -> SessionPolicy.builder().maxPageSize(SessionPolicy.MAX_LIMIT + 1));
    invalid(() -> SessionPolicy.builder().bulkLimit(Integer.MAX_VALUE));
    assertThat(SessionPolicy.builder().maxPageSize(SessionPolicy.MAX_LIMIT).bulkLimit(SessionPolicy.MAX_LIMIT).build()
        .maxPageSize()).isEqualTo(10_000);
  }

  @Test
  void limitsOfOneAreTheSmallestAllowed() {
    SessionPolicy p = SessionPolicy.builder().maxPageSize(1).bulkLimit(1).purgeBatchSize(1)
        .maxSessionsPerSubject(1, OverflowStrategy.REJECT_NEW).build();

    assertThat(p.maxPageSize()).isEqualTo(1);
    assertThat(p.bulkLimit()).isEqualTo(1);
    assertThat(p.purgeBatchSize()).isEqualTo(1);
    assertThat(p.maxSessionsPerSubject()).isEqualTo(1);
  }

  @Test
  void inconsistentSettingsAreRejectedAtBuild() {
    invalid(() -> SessionPolicy.builder().absoluteLifetime(Duration.ofHours(1)).idleTimeout(Duration.ofHours(2)).build());
    invalid(() -> SessionPolicy.builder().idleTimeout(Duration.ofMinutes(5)).touchInterval(Duration.ofMinutes(5)).build());
  }

  @Test
  void durationsAreKeptInWholeMilliseconds() {
    SessionPolicy p = SessionPolicy.builder()
        .absoluteLifetime(Duration.ofDays(1).plusNanos(500_000))
        .idleTimeout(Duration.ofHours(1).plusNanos(999_999))
        .touchInterval(Duration.ofSeconds(1).plusNanos(1))
        .build();

    assertThat(p.absoluteLifetime()).isEqualTo(Duration.ofDays(1));
    assertThat(p.idleTimeout()).isEqualTo(Duration.ofHours(1));
    assertThat(p.touchInterval()).isEqualTo(Duration.ofSeconds(1));
  }

  @Test
  void capCanBeSetAndRemoved() {
    SessionPolicy capped = SessionPolicy.builder().maxSessionsPerSubject(3, OverflowStrategy.REJECT_NEW).build();
    SessionPolicy uncapped = SessionPolicy.builder()
        .maxSessionsPerSubject(3, OverflowStrategy.REJECT_NEW).unlimitedSessionsPerSubject().build();

    assertThat(capped.maxSessionsPerSubject()).isEqualTo(3);
    assertThat(capped.overflowStrategy()).isEqualTo(OverflowStrategy.REJECT_NEW);
    assertThat(uncapped.maxSessionsPerSubject()).isZero();
  }
}
