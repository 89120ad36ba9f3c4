package dev.sessionkit.testkit;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.concurrent.atomic.AtomicLong;

/** A clock that stands still until a test moves it. Thread-safe. */
public final class FakeClock extends Clock {
  private final AtomicLong millis;

  /** @param start the instant the clock shows until it is moved */
  public FakeClock(Instant start) {
    this.millis = new AtomicLong(start.toEpochMilli());
  }

  /**
   * Moves the clock forward (or back, for a negative duration).
   *
   * @param duration how far
   * @return this clock
   */
  public FakeClock advance(Duration duration) {
    millis.addAndGet(duration.toMillis());
    return this;
  }

  /**
   * Sets the clock.
   *
   * @param instant what it shows from now on
   * @return this clock
   */
  public FakeClock set(Instant instant) {
    millis.set(instant.toEpochMilli());
    return this;
  }

  @Override
  public long millis() {
    return millis.get();
  }

  @Override
  public Instant instant() {
    return Instant.ofEpochMilli(millis.get());
  }

  @Override
  public ZoneId getZone() {
    return ZoneOffset.UTC;
  }

  @Override
  public Clock withZone(ZoneId zone) {
    throw new UnsupportedOperationException("a FakeClock is always UTC");
  }
}
