package dev.sessionkit;

import java.time.Clock;
import java.util.concurrent.atomic.AtomicLong;
import org.slf4j.Logger;

/**
 * The log side of "right id, wrong secret": at most one WARN line per {@link #INTERVAL_MILLIS}, saying
 * how many such tokens came since the last line and naming the latest session id (ids are public; the
 * subject is left out, so nobody can fill an operator's log with lines naming a victim). Listeners
 * still hear of every attempt through {@link SessionListener#suspiciousToken}.
 */
final class WrongSecretWarnings {
  /** One line a minute at most. */
  static final long INTERVAL_MILLIS = 60_000;

  private final Logger log;
  private final Clock clock;
  private final AtomicLong unreported = new AtomicLong();
  private final AtomicLong nextLineAt = new AtomicLong(Long.MIN_VALUE);

  WrongSecretWarnings(Logger log, Clock clock) {
    this.log = log;
    this.clock = clock;
  }

  void record(SessionId id) {
    unreported.incrementAndGet();
    long now = clock.millis();
    long due = nextLineAt.get();
    // One thread wins the right to write the line; the others have been counted and move on.
    if (now >= due && nextLineAt.compareAndSet(due, now + INTERVAL_MILLIS)) {
      long count = unreported.getAndSet(0);
      log.warn(
          "{} token(s) with a wrong secret presented since the last report, the latest for session {}"
              + " (further reports at most once a minute; listeners see each one)",
          count,
          id);
    }
  }
}
