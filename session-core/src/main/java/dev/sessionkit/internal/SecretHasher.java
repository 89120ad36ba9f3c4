package dev.sessionkit.internal;

import java.security.DigestException;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Arrays;

/**
 * SHA-256 of token secrets. Only this hash ever reaches a store, so a database dump cannot sign
 * anybody in. The per-thread scratch space keeps the hot path free of allocations: one digest and two
 * 32-byte buffers per thread, reused.
 */
public final class SecretHasher {
  private static final ThreadLocal<Scratch> SCRATCH = ThreadLocal.withInitial(Scratch::new);

  /** Stands in for the stored hash when there is none, so that path costs the same work. */
  private static final byte[] NO_HASH = new byte[32];

  private SecretHasher() {}

  /**
   * Hashes a freshly generated secret.
   *
   * @param secret the raw secret bytes
   * @return a new 32-byte array with SHA-256 of the secret
   */
  public static byte[] hash(byte[] secret) {
    return SCRATCH.get().sha256.digest(secret);
  }

  /**
   * Decodes the secret part of a well-formed token, hashes it and compares the result with {@code
   * expectedHash} in constant time.
   *
   * <p>With no stored hash (the token names no session) the same work is done and the answer is
   * false: ids are public, and a path that skipped the hash for unknown ids would tell an attacker by
   * its timing which ids are live.
   *
   * @param token a token that passed {@link TokenFormat#isWellFormedToken}
   * @param expectedHash the stored hash, or null when there is no stored session
   * @return true when the presented secret hashes to the stored hash
   */
  public static boolean matches(String token, byte[] expectedHash) {
    Scratch scratch = SCRATCH.get();
    TokenFormat.decode(
        token, TokenFormat.ID_LENGTH + 1, TokenFormat.SECRET_LENGTH, scratch.secret);
    MessageDigest digest = scratch.sha256;
    digest.update(scratch.secret);
    Arrays.fill(scratch.secret, (byte) 0); // the presented secret does not outlive the check
    try {
      digest.digest(scratch.hash, 0, scratch.hash.length);
    } catch (DigestException e) {
      throw new IllegalStateException("SHA-256 digest failed", e);
    }
    boolean equal = MessageDigest.isEqual(scratch.hash, expectedHash == null ? NO_HASH : expectedHash);
    return equal && expectedHash != null;
  }

  private static final class Scratch {
    final MessageDigest sha256;
    final byte[] secret = new byte[TokenFormat.SECRET_BYTES];
    final byte[] hash = new byte[32];

    Scratch() {
      try {
        sha256 = MessageDigest.getInstance("SHA-256");
      } catch (NoSuchAlgorithmException e) {
        throw new IllegalStateException("every Java platform must provide SHA-256", e);
      }
    }
  }
}
