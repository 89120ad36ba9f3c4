package dev.sessionkit;

import java.time.Duration;

/**
 * Receives session events, for audit logs, metrics or notifications ("a new device signed in").
 * Every method has an empty default. Listeners run synchronously on the calling thread after the
 * change is done; an exception from a listener is logged and never undoes or fails the operation.
 * No event carries a token or a hash.
 */
public interface SessionListener {

  /** @param session a session just issued */
  default void sessionCreated(Session session) {}

  /** @param session a session whose secret was just rotated (its old token is dead) */
  default void sessionRotated(Session session) {}

  /**
   * @param session the last state of a session just revoked
   * @param reason why
   */
  default void sessionRevoked(Session session, RevocationReason reason) {}

  /**
   * A token was accepted by {@link SessionService#validate(String)}: the hot path's success. Keep it
   * cheap; it runs on every request.
   *
   * @param session the live session
   */
  default void tokenAccepted(Session session) {}

  /**
   * A login was refused because the subject was at its cap and the policy refuses ({@link
   * OverflowStrategy#REJECT_NEW}).
   *
   * @param subject the subject at its cap
   */
  default void issueRefused(String subject) {}

  /** @param session an expired session whose token was presented */
  default void sessionExpired(Session session) {}

  /**
   * A token was refused. For {@link InvalidTokenReason#WRONG_SECRET} {@link #suspiciousToken} is
   * called as well.
   *
   * @param reason why it was refused
   */
  default void tokenRejected(InvalidTokenReason reason) {}

  /**
   * A token named a live session's id with a wrong secret: guessed, forged, or replayed after
   * rotation. Worth an alert (OWASP: never accept what the server did not issue).
   *
   * @param session the session whose id was used
   */
  default void suspiciousToken(Session session) {}

  /**
   * A purge finished.
   *
   * @param removed how many expired sessions it deleted
   * @param elapsed how long it took
   */
  default void expiredSessionsPurged(int removed, Duration elapsed) {}
}
