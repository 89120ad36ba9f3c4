package dev.sessionkit.benchmarks;

import java.time.Clock;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;

/**
 * The system clock plus an offset a benchmark may move: the purge benchmark issues sessions "in the
 * past" and then returns to now. Reading it costs what the system UTC clock costs, plus one volatile
 * read, so validation benchmarks still pay for a real clock.
 */
final class BenchClock extends Clock {
  private volatile long offsetMillis;

  BenchClock() {}

  void setOffsetMillis(long offset) {
    offsetMillis = offset;
  }

  @Override
  public long millis() {
    return System.currentTimeMillis() + offsetMillis;
  }

  @Override
  public Instant instant() {
    return Instant.ofEpochMilli(millis());
  }

  @Override
  public ZoneId getZone() {
    return ZoneOffset.UTC;
  }

  @Override
  public Clock withZone(ZoneId zone) {
    throw new UnsupportedOperationException("benchmarks run in UTC");
  }
}
