package dev.sessionkit;

import dev.sessionkit.internal.TokenFormat;
import java.security.SecureRandom;
import java.util.Optional;
import org.jspecify.annotations.Nullable;

/**
 * The public, stable id of a session: 128 bits, URL-safe base64 without padding (22 characters),
 * all random but for at most the first character's 6, which a store may choose to place the session
 * ({@link dev.sessionkit.spi.SessionStore#newId}). Safe to list, log and put in URLs; it is not a
 * credential.
 *
 * @param value the 22-character encoded id
 */
public record SessionId(String value) {

  /**
   * Validates the encoded form.
   *
   * @param value the id as it appears in tokens and URLs: 22 URL-safe base64 characters
   * @throws SessionException {@link ErrorCode#INVALID_ARGUMENT} if the value is not a well-formed id
   */
  public SessionId {
    if (!TokenFormat.isWellFormedId(value)) {
      throw new SessionException(ErrorCode.INVALID_ARGUMENT, "malformed session id");
    }
  }

  /**
   * Parses caller text (a path parameter, for example) without throwing.
   *
   * @param value text that may or may not be a session id
   * @return the id, or empty when the text cannot be one
   */
  public static Optional<SessionId> tryParse(String value) {
    if (!TokenFormat.isWellFormedId(value)) {
      return Optional.empty();
    }
    return Optional.of(new SessionId(value));
  }

  /**
   * A new id of 128 random bits: what {@link dev.sessionkit.spi.SessionStore#newId} answers unless a
   * store places ids itself.
   *
   * @param random the source of randomness
   * @return a fresh, unpredictable id
   */
  public static SessionId random(SecureRandom random) {
    byte[] bytes = new byte[TokenFormat.ID_BYTES];
    random.nextBytes(bytes);
    return new SessionId(TokenFormat.encode(bytes));
  }

  /**
   * Parses caller text, throwing on malformed input.
   *
   * @param value the encoded id
   * @return the id
   * @throws SessionException {@link ErrorCode#INVALID_ARGUMENT} if malformed
   */
  public static SessionId of(String value) {
    return new SessionId(value);
  }

  /**
   * Equal to a {@link SessionId} with the same value, and to the {@link TokenIdKey} of a token that
   * carries this id (so that stores can look sessions up by the id inside a token).
   */
  @Override
  public boolean equals(@Nullable Object other) {
    if (other instanceof SessionId id) {
      return value.equals(id.value);
    }
    return other instanceof TokenIdKey key && key.isIdOf(this);
  }

  /** The value's {@link String#hashCode()}, which a {@link TokenIdKey} with this id shares. */
  @Override
  public int hashCode() {
    return value.hashCode();
  }

  @Override
  public String toString() {
    return value;
  }
}
