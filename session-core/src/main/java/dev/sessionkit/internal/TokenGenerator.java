package dev.sessionkit.internal;

import dev.sessionkit.SessionId;
import java.security.SecureRandom;

/** Random ids and secrets from {@link SecureRandom}. Thread-safe. */
public final class TokenGenerator {
  private final SecureRandom random;

  /** Uses the platform's default {@link SecureRandom}. */
  public TokenGenerator() {
    this(new SecureRandom());
  }

  /**
   * Uses the given source, for example a DRBG instance chosen by the application.
   *
   * @param random the source of randomness
   */
  public TokenGenerator(SecureRandom random) {
    this.random = random;
  }

  /**
   * A new encoded session id of 128 random bits.
   *
   * @return 22 characters of URL-safe base64
   */
  public String newId() {
    return SessionId.random(random).value();
  }

  /**
   * The source itself, for a store that chooses ids ({@link dev.sessionkit.spi.SessionStore#newId}).
   *
   * @return the source of randomness this generator draws from
   */
  public SecureRandom random() {
    return random;
  }

  /**
   * A new secret of 256 random bits.
   *
   * @return the raw bytes; the caller encodes them once for the client and hashes them for the store
   */
  public byte[] newSecret() {
    byte[] bytes = new byte[TokenFormat.SECRET_BYTES];
    random.nextBytes(bytes);
    return bytes;
  }
}
