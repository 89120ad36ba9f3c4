package dev.sessionkit.redis;

import dev.sessionkit.ErrorCode;
import dev.sessionkit.SessionException;
import io.lettuce.core.RedisCommandTimeoutException;
import org.jspecify.annotations.Nullable;

/**
 * A client failure as sessionkit hands it on: the original class name and stack trace, its cause
 * chain copied the same way, and no message text but a timeout's (Lettuce and Redis quote commands
 * and script errors, which may carry keys and arguments). The caller sees {@link
 * ErrorCode#STORE_UNAVAILABLE}.
 */
final class RedisFailure extends RuntimeException {
  private static final long serialVersionUID = 1L;
  private static final int MAX_DEPTH = 16;

  private RedisFailure(String message, @Nullable Throwable cause) {
    super(message, cause);
  }

  /**
   * @param failure what the client threw
   * @param operation what the store was doing, for the message
   * @return the exception to throw
   */
  static SessionException unavailable(RuntimeException failure, String operation) {
    return new SessionException(ErrorCode.STORE_UNAVAILABLE,
        "Redis failed during " + operation + " (" + failure.getClass().getSimpleName() + ")",
        redact(failure, 0));
  }

  private static RedisFailure redact(Throwable t, int depth) {
    Throwable next = t.getCause();
    RedisFailure cause = next == null || depth >= MAX_DEPTH ? null : redact(next, depth + 1);
    String text = t.getClass().getName();
    if (t instanceof RedisCommandTimeoutException && t.getMessage() != null) {
      text += ": " + t.getMessage();
    }
    RedisFailure copy = new RedisFailure(text, cause);
    copy.setStackTrace(t.getStackTrace());
    return copy;
  }
}
