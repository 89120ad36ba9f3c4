package dev.sessionkit.examples;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.sessionkit.testkit.FakeClock;
import dev.sessionkit.testsupport.CapturedLogs;
import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;
import org.slf4j.event.Level;

/** What the end-to-end tests cannot time: sign-ins checking their passwords at the same moment. */
class LoginThrottleTest {
  private final FakeClock clock = new FakeClock(Instant.parse("2026-01-01T00:00:00Z"));
  private final LoginThrottle throttle = new LoginThrottle(clock, LoginThrottle.DEFAULT);

  @Test
  void checksInProgressCountAgainstTheLimitUntilTheyEnd() {
    CapturedLogs logs = CapturedLogs.of(LoginThrottle.class);
    for (int i = 0; i < 3; i++) {
      throttle.begin("alice", "10.0.0." + i).end(false);
    }
    LoginThrottle.Attempt fourth = throttle.begin("alice", "10.0.0.3");
    LoginThrottle.Attempt fifth = throttle.begin("alice", "10.0.0.4");

    // Three failures and two checks in progress make five: a sixth guess waits for their outcome.
    assertThatThrownBy(() -> throttle.begin("alice", "10.0.0.5"))
        .isInstanceOfSatisfying(TooManyRequests.class, e -> assertThat(e.retryAfterSeconds()).isEqualTo(1));
    fourth.end(false);
    fifth.end(false);
    assertThatThrownBy(() -> throttle.begin("alice", "10.0.0.5"))
        .isInstanceOfSatisfying(TooManyRequests.class, e -> assertThat(e.retryAfterSeconds()).isEqualTo(60));
    assertThat(logs.messages(Level.WARN)).containsExactly("sign-ins locked for 60 s: 5 failures for one user name");
  }

  @Test
  void aSuccessInProgressLetsTheOthersThroughOnceItEnds() {
    CapturedLogs logs = CapturedLogs.of(LoginThrottle.class);
    for (int i = 0; i < 4; i++) {
      throttle.begin("alice", "10.0.0.1").end(false);
    }
    LoginThrottle.Attempt rightPassword = throttle.begin("alice", "10.0.0.1");
    assertThatThrownBy(() -> throttle.begin("alice", "10.0.0.2")).isInstanceOf(TooManyRequests.class);

    rightPassword.end(true);

    throttle.begin("alice", "10.0.0.2").end(false); // alice starts over; the address keeps its failures
    clock.advance(Duration.ofMinutes(16));
    for (int i = 0; i < 20; i++) {
      throttle.begin("user" + i, "10.0.0.9").end(false);
    }
    assertThatThrownBy(() -> throttle.begin("alice", "10.0.0.9"))
        .isInstanceOfSatisfying(TooManyRequests.class, e -> assertThat(e.getMessage())
            .isEqualTo("too many failed sign-ins; try again in 60 s"));
    assertThat(logs.messages(Level.WARN)).containsExactly("sign-ins locked for 60 s: 20 failures for one address");
  }
}
