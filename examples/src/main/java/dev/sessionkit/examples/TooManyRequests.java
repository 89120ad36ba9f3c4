package dev.sessionkit.examples;

import dev.sessionkit.ErrorCode;
import dev.sessionkit.SessionException;
import java.time.Duration;

/** A 429 {@link ErrorCode#TOO_MANY_REQUESTS}; the router answers it with a {@code Retry-After} header. */
final class TooManyRequests extends SessionException {
  private static final long serialVersionUID = 1L;

  private final long retryAfterSeconds;

  /** The message is the reason and how long to wait: "too many failed sign-ins; try again in 60 s". */
  TooManyRequests(String reason, Duration retryAfter) {
    this(reason, seconds(retryAfter));
  }

  private TooManyRequests(String reason, long retryAfterSeconds) {
    super(ErrorCode.TOO_MANY_REQUESTS, reason + "; try again in " + retryAfterSeconds + " s");
    this.retryAfterSeconds = retryAfterSeconds;
  }

  /** Whole seconds, rounded up: a client that waits exactly this long is not refused again. */
  private static long seconds(Duration wait) {
    return Math.max(1, (wait.toMillis() + 999) / 1000);
  }

  long retryAfterSeconds() {
    return retryAfterSeconds;
  }
}
