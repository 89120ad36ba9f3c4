package dev.sessionkit.redis;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import dev.sessionkit.ErrorCode;
import dev.sessionkit.SessionException;
import dev.sessionkit.SessionService;
import dev.sessionkit.testkit.TestFigures;
import dev.sessionkit.testsupport.Await;
import dev.sessionkit.testsupport.IssuedSecrets;
import java.time.Duration;
import java.util.Locale;
import org.assertj.core.api.ThrowableAssert.ThrowingCallable;

/**
 * What the fault and restart tests check of a call made while Redis cannot answer, and how they
 * record its time: it fails with STORE_UNAVAILABLE, never a success, with no secret in its exception
 * chain, within the command timeout plus generous slack; the measured time goes to the test's figures.
 */
final class FailsClosed {
  /** The command timeout of the stores under test. */
  static final Duration TIMEOUT = Duration.ofMillis(500);
  /** Room for a loaded 2-core machine; the figures show the real times. */
  static final Duration SLACK = Duration.ofMillis(1500);
  /** How long a store may take to answer again: a deadline, not a figure. */
  static final Duration RECOVERY_LIMIT = Duration.ofSeconds(30);

  private final TestFigures figures;
  private final String outage;

  FailsClosed(TestFigures figures, String outage) {
    this.figures = figures;
    this.outage = outage;
    figures.recordOnce("command timeout " + TIMEOUT.toMillis() + " ms; bound per failing call "
        + TIMEOUT.plus(SLACK).toMillis() + " ms (includes " + SLACK.toMillis() + " ms slack)");
  }

  /** Checks one call and records how long it took to fail; returns that time. */
  Duration check(String call, ThrowingCallable work) {
    Duration took = quietly(call, work);
    figures.record(line(call, "failed after " + ms(took)));
    return took;
  }

  /** Checks one call without recording its time (for many at once): returns how long it took to fail. */
  Duration quietly(String call, ThrowingCallable work) {
    long began = System.nanoTime();
    SessionException e = catchThrowableOfType(SessionException.class, work);
    Duration took = Duration.ofNanos(System.nanoTime() - began);
    assertThat(e).as("%s during the %s: a SessionException, never a success", call, outage).isNotNull();
    assertThat(e.code()).as(call).isEqualTo(ErrorCode.STORE_UNAVAILABLE);
    assertThat(took).as("%s: time to fail", call).isLessThan(TIMEOUT.plus(SLACK));
    assertThat(IssuedSecrets.findIn(e)).as("a secret or hash in the exception chain of %s", call).isNull();
    return took;
  }

  /** Waits until {@code token} validates again on {@code service}; records and returns how long it took. */
  Duration recovery(SessionService service, String token, String what) {
    long began = System.nanoTime();
    Await.until("the store answers again after the " + outage, () -> answers(service, token), RECOVERY_LIMIT);
    Duration took = Duration.ofNanos(System.nanoTime() - began);
    figures.record(line("recovery", what + " after " + ms(took)));
    return took;
  }

  /** Records a figure of this outage. */
  void record(String what, String figure) {
    figures.record(line(what, figure));
  }

  /** A validation that answers, whatever it answers; false while the store is unavailable. */
  static boolean answers(SessionService service, String token) {
    try {
      service.validate(token);
      return true;
    } catch (SessionException e) {
      if (e.code() != ErrorCode.STORE_UNAVAILABLE) {
        throw e;
      }
      return false;
    }
  }

  private String line(String what, String figure) {
    return outage + ", " + what + ": " + figure;
  }

  static String ms(Duration d) {
    return String.format(Locale.ROOT, "%.1f ms", d.toNanos() / 1e6);
  }
}
