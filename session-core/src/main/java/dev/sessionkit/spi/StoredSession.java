package dev.sessionkit.spi;

import dev.sessionkit.Session;
import java.util.Objects;

/**
 * What a store keeps per session: the public {@link Session} and the SHA-256 of its secret. The
 * secret itself never reaches a store. {@link #toString()} leaves the hash out.
 *
 * @param session the session state
 * @param secretHash SHA-256 of the token secret, 32 bytes; stores must not modify the array
 */
public record StoredSession(Session session, byte[] secretHash) {

  /**
   * Checks both parts.
   *
   * @param session the session state
   * @param secretHash SHA-256 of the token secret, 32 bytes; stores must not modify the array
   */
  public StoredSession {
    Objects.requireNonNull(session, "session");
    Objects.requireNonNull(secretHash, "secretHash");
    if (secretHash.length != 32) {
      throw new IllegalArgumentException("secretHash must be 32 bytes (SHA-256)");
    }
  }

  @Override
  public boolean equals(Object other) {
    return other instanceof StoredSession s
        && session.equals(s.session)
        && java.util.Arrays.equals(secretHash, s.secretHash);
  }

  @Override
  public int hashCode() {
    return session.hashCode();
  }

  @Override
  public String toString() {
    return "StoredSession[" + session + ", secretHash=<redacted>]";
  }
}
