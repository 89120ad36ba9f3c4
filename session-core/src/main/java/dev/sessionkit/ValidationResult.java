package dev.sessionkit;

import java.util.Optional;
import org.jspecify.annotations.Nullable;

/**
 * The outcome of {@link SessionService#validate(String)}: either a live session or "invalid", without
 * saying why (the reason goes to listeners only). The invalid outcome is a shared constant, so
 * rejecting junk allocates nothing.
 */
public final class ValidationResult {
  private static final ValidationResult INVALID = new ValidationResult(null, false);

  private final @Nullable Session session;
  private final boolean touched;

  private ValidationResult(@Nullable Session session, boolean touched) {
    this.session = session;
    this.touched = touched;
  }

  static ValidationResult valid(Session session, boolean touched) {
    return new ValidationResult(session, touched);
  }

  static ValidationResult invalid() {
    return INVALID;
  }

  /** @return whether the token opened a live session */
  public boolean isValid() {
    return session != null;
  }

  /**
   * The live session, as a value for callers that branch.
   *
   * @return the session, or empty when the token was invalid
   */
  public Optional<Session> session() {
    return Optional.ofNullable(session);
  }

  /**
   * The live session, for callers that turn an invalid token into a 401.
   *
   * @return the session
   * @throws SessionException {@link ErrorCode#INVALID_TOKEN} when the token was invalid
   */
  public Session orThrow() {
    if (session == null) {
      throw SessionException.invalidToken();
    }
    return session;
  }

  /**
   * Whether this validation wrote a new last-access time (the touch interval had passed).
   *
   * @return true when the store was updated
   */
  public boolean touched() {
    return touched;
  }

  @Override
  public String toString() {
    return session == null ? "ValidationResult[invalid]" : "ValidationResult[valid " + session.id() + "]";
  }
}
