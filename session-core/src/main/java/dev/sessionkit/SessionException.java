package dev.sessionkit;

import java.util.Objects;

/**
 * The one unchecked exception sessionkit throws. It carries a stable {@link ErrorCode}; the message is
 * for humans and never contains a token, a secret or a hash.
 */
public class SessionException extends RuntimeException {
  private static final long serialVersionUID = 1L;

  /** The stable, machine-readable code. */
  private final ErrorCode code;

  /**
   * Creates an exception.
   *
   * @param code the machine-readable code
   * @param message a human-readable explanation without secrets
   */
  public SessionException(ErrorCode code, String message) {
    super(message);
    this.code = Objects.requireNonNull(code, "code");
  }

  /**
   * Creates an exception that keeps its cause (a store failure, for example).
   *
   * @param code the machine-readable code
   * @param message a human-readable explanation without secrets
   * @param cause the underlying failure
   */
  public SessionException(ErrorCode code, String message, Throwable cause) {
    super(message, cause);
    this.code = Objects.requireNonNull(code, "code");
  }

  /**
   * The machine-readable code.
   *
   * @return the code, never null
   */
  public ErrorCode code() {
    return code;
  }

  /**
   * Shortcut for {@code code().httpStatus()}.
   *
   * @return the HTTP status a wrapper would answer with
   */
  public int httpStatus() {
    return code.httpStatus();
  }

  static SessionException invalidArgument(String message) {
    return new SessionException(ErrorCode.INVALID_ARGUMENT, message);
  }

  static SessionException notFound() {
    return new SessionException(ErrorCode.SESSION_NOT_FOUND, "session not found");
  }

  static SessionException invalidToken() {
    return new SessionException(ErrorCode.INVALID_TOKEN, "invalid or expired session token");
  }
}
