package dev.sessionkit;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.Objects;

/**
 * The bearer value handed to the client once, at issue or rotation: {@code <session id>.<secret>}.
 * sessionkit keeps only the SHA-256 of the secret, so this object is the only place the secret exists;
 * {@link #toString()} never shows it.
 */
public final class SessionToken {
  private final SessionId sessionId;
  private final String value;

  SessionToken(SessionId sessionId, String value) {
    this.sessionId = Objects.requireNonNull(sessionId, "sessionId");
    this.value = Objects.requireNonNull(value, "value");
  }

  /**
   * The id of the session this token opens (the public part before the dot).
   *
   * @return the session id
   */
  public SessionId sessionId() {
    return sessionId;
  }

  /**
   * The full bearer value to send to the client. Treat it as a password: do not log it.
   *
   * @return the token text
   */
  public String value() {
    return value;
  }

  /** Constant-time comparison of the secret values. */
  @Override
  public boolean equals(Object other) {
    return other instanceof SessionToken
        && MessageDigest.isEqual(
            value.getBytes(StandardCharsets.US_ASCII),
            ((SessionToken) other).value.getBytes(StandardCharsets.US_ASCII));
  }

  @Override
  public int hashCode() {
    return sessionId.hashCode();
  }

  /** Shows the session id only; the secret is never printed. */
  @Override
  public String toString() {
    return "SessionToken[sessionId=" + sessionId + ", secret=<redacted>]";
  }
}
