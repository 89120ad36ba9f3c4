package dev.sessionkit.examples;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.sessionkit.testkit.FakeClock;
import dev.sessionkit.testsupport.CapturedLogs;
import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;
import org.slf4j.event.Level;

/** The sign-in limits on a clock the tests move, and what the end-to-end tests cannot time. */
class LoginThrottleTest {
  private final FakeClock clock = new FakeClock(Instant.parse("2026-01-01T00:00:00Z"));
  private final LoginThrottle throttle = new LoginThrottle(clock, LoginThrottle.DEFAULT);

  private static void assertRefused(Runnable signIn, long retryAfterSeconds) {
    assertThatThrownBy(signIn::run)
        .isInstanceOfSatisfying(TooManyRequests.class, e -> assertThat(e.retryAfterSeconds()).isEqualTo(retryAfterSeconds));
  }

  @Test
  void checksInProgressCountAgainstTheLimitUntilTheyEnd() {
    CapturedLogs logs = CapturedLogs.of(LoginThrottle.class);
    for (int i = 0; i < 3; i++) {
      throttle.begin("alice", "10.0.0.1").end(false);
    }
    LoginThrottle.Attempt fourth = throttle.begin("alice", "10.0.0.1");
    LoginThrottle.Attempt fifth = throttle.begin("alice", "10.0.0.1");

    // Three failures and two checks in progress make five: a sixth guess waits for their outcome.
    assertRefused(() -> throttle.begin("alice", "10.0.0.1"), 1);
    fourth.end(false);
    fifth.end(false);
    assertRefused(() -> throttle.begin("alice", "10.0.0.1"), 60);
    assertThat(logs.messages(Level.WARN))
        .containsExactly("sign-ins locked for 60 s: 5 failures for one user name from one address");
  }

  @Test
  void anotherAddressFailingOnPurposeCannotLockTheUserOut() {
    CapturedLogs logs = CapturedLogs.of(LoginThrottle.class);
    for (int i = 0; i < 5; i++) {
      throttle.begin("alice", "203.0.113.66").end(false);
    }
    assertRefused(() -> throttle.begin("alice", "203.0.113.66"), 60); // the guesser is locked...

    throttle.begin("alice", "198.51.100.7").end(true); // ...alice, elsewhere, is not, even the first time
    throttle.begin("alice", "198.51.100.8").end(false); // nor a typo of hers from a third place
    long lockout = 60;
    for (int round = 0; round < 3; round++) { // the guesser keeps at it after every lockout, for ever longer ones
      clock.advance(Duration.ofSeconds(lockout));
      throttle.begin("alice", "203.0.113.66").end(false);
      lockout *= 2;
      long expected = lockout;
      assertRefused(() -> throttle.begin("alice", "203.0.113.66"), expected);
      throttle.begin("alice", "198.51.100.7").end(true);
    }
    assertThat(logs.messages(Level.WARN)).containsExactly(
        "sign-ins locked for 60 s: 5 failures for one user name from one address",
        "sign-ins locked for 120 s: 6 failures for one user name from one address",
        "sign-ins locked for 240 s: 7 failures for one user name from one address",
        "sign-ins locked for 480 s: 8 failures for one user name from one address");
  }

  @Test
  void manyAddressesGuessingAtOneUserAreBoundedButNotWhereTheUserSignedInBefore() {
    CapturedLogs logs = CapturedLogs.of(LoginThrottle.class);
    throttle.begin("alice", "198.51.100.7").end(true); // alice's laptop
    clock.advance(Duration.ofDays(20));
    for (int i = 0; i < 100; i++) { // a botnet: a few guesses from each of many addresses
      throttle.begin("alice", "203.0.113." + (i / 4)).end(false);
    }

    assertRefused(() -> throttle.begin("alice", "192.0.2.1"), 60); // a new address: locked with the user name
    assertRefused(() -> throttle.begin("alice", "192.0.2.2"), 60);
    throttle.begin("alice", "198.51.100.7").end(true); // the laptop signs in all the same
    throttle.begin("bob", "192.0.2.1").end(true); // and other users everywhere
    clock.advance(Duration.ofSeconds(60));
    throttle.begin("alice", "192.0.2.3").end(false); // one guess after the lockout doubles it
    assertRefused(() -> throttle.begin("alice", "192.0.2.1"), 120);
    assertThat(logs.messages(Level.WARN)).containsExactly(
        "sign-ins locked for 60 s: 100 failures for one user name from unknown addresses",
        "sign-ins locked for 120 s: 101 failures for one user name from unknown addresses");

    clock.advance(Duration.ofDays(30)); // an address is known for 30 days after its last sign-in
    for (int i = 0; i < 100; i++) {
      throttle.begin("alice", "203.0.113." + (i / 4)).end(false);
    }
    assertRefused(() -> throttle.begin("alice", "198.51.100.7"), 60);
  }

  @Test
  void oneAddressGuessingAtManyUsersIsLockedWhateverTheUserName() {
    CapturedLogs logs = CapturedLogs.of(LoginThrottle.class);
    throttle.begin("alice", "10.0.0.9").end(true);
    for (int i = 0; i < 4; i++) {
      throttle.begin("alice", "10.0.0.1").end(false);
    }
    LoginThrottle.Attempt rightPassword = throttle.begin("alice", "10.0.0.1");
    assertRefused(() -> throttle.begin("alice", "10.0.0.1"), 1);
    rightPassword.end(true);
    throttle.begin("alice", "10.0.0.1").end(false); // alice starts over there; the address keeps its failures

    for (int i = 0; i < 20; i++) {
      throttle.begin("user" + i, "10.0.0.9").end(false);
    }
    assertRefused(() -> throttle.begin("alice", "10.0.0.9"), 60); // known to alice, still one address's budget
    throttle.begin("alice", "10.0.0.2").end(true);
    assertThatThrownBy(() -> throttle.begin("nobody", "10.0.0.9"))
        .hasMessage("too many failed sign-ins; try again in 60 s");
    assertThat(logs.messages(Level.WARN)).containsExactly("sign-ins locked for 60 s: 20 failures for one address");
  }

  @Test
  void aFloodOfUserNamesAndAddressesKeepsBoundedMemory() {
    LoginThrottle small = new LoginThrottle(clock,
        new LoginThrottle.Limits(5, 100, 20, Duration.ofMinutes(15), Duration.ofMinutes(1), Duration.ofDays(30), 1000));
    for (int i = 0; i < 50_000; i++) {
      String address = "10." + (i >> 16 & 255) + "." + (i >> 8 & 255) + "." + (i & 255);
      small.begin("user" + i, address).end(i % 2 == 0);
    }
    assertThat(small.keysHeld()).isLessThanOrEqualTo(4 * 1000);
    small.begin("alice", "10.0.0.1").end(true); // and it still works
  }
}
