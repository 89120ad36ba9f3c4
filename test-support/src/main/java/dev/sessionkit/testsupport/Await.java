package dev.sessionkit.testsupport;

import java.time.Duration;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;

/** Polling with a deadline, for conditions another thread brings about and no latch can signal. */
public final class Await {
  private Await() {}

  /**
   * Waits until the condition holds, checking every few milliseconds.
   *
   * @param what what is awaited, for the failure message
   * @param condition the condition
   * @param atMost how long to wait at most
   * @throws AssertionError when the deadline passes first
   */
  public static void until(String what, BooleanSupplier condition, Duration atMost) {
    long deadline = System.nanoTime() + atMost.toNanos();
    while (!condition.getAsBoolean()) {
      if (System.nanoTime() - deadline > 0) {
        throw new AssertionError("not within " + atMost + ": " + what);
      }
      try {
        TimeUnit.MILLISECONDS.sleep(2);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new AssertionError("interrupted while waiting for: " + what, e);
      }
    }
  }
}
