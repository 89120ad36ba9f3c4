package dev.sessionkit;

import dev.sessionkit.internal.TokenFormat;
import org.jspecify.annotations.Nullable;

/**
 * The session id inside a presented token, as a hash-map key: a store finds the session without
 * copying the id out of the token. {@link #equals} and {@link #hashCode} agree with those of the
 * {@link SessionId} with the same 22 characters (and {@link SessionId#equals} agrees back), so {@code
 * map.get(key)} on a map keyed by {@link SessionId} finds the session.
 *
 * <p>It reads the token it was made from, and a token carries its secret: use it for a lookup only,
 * never keep it (as a map key, in a field, in a log); {@link #toSessionId()} gives a value to keep.
 * {@link #toString()} shows the id only.
 */
public final class TokenIdKey {
  private final String token;

  /** @param token a token that passed {@link TokenFormat#isWellFormedToken} */
  TokenIdKey(String token) {
    this.token = token;
  }

  /**
   * The id as a value to keep.
   *
   * @return a new {@link SessionId} equal to this key
   */
  public SessionId toSessionId() {
    return new SessionId(token.substring(0, TokenFormat.ID_LENGTH));
  }

  /** Whether {@code id} is the id of this token; compares the 22 characters, nothing else. */
  boolean isIdOf(SessionId id) {
    String value = id.value();
    return value.length() == TokenFormat.ID_LENGTH
        && token.regionMatches(0, value, 0, TokenFormat.ID_LENGTH);
  }

  /** Equal to the {@link SessionId} (or key) with the same id characters. */
  @Override
  public boolean equals(@Nullable Object other) {
    if (other instanceof SessionId id) {
      return isIdOf(id);
    }
    return other instanceof TokenIdKey key && token.regionMatches(0, key.token, 0, TokenFormat.ID_LENGTH);
  }

  /** {@link String#hashCode()} of the id characters, which is {@link SessionId#hashCode()}. */
  @Override
  public int hashCode() {
    int hash = 0;
    for (int i = 0; i < TokenFormat.ID_LENGTH; i++) {
      hash = 31 * hash + token.charAt(i);
    }
    return hash;
  }

  /** The id only; the token's secret is never shown. */
  @Override
  public String toString() {
    return "TokenIdKey[" + token.substring(0, TokenFormat.ID_LENGTH) + "]";
  }
}
