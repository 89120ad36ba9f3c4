package dev.sessionkit.internal;

import java.security.DigestException;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Arrays;
import org.jspecify.annotations.Nullable;

/**
 * SHA-256 of token secrets. Only this hash ever reaches a store, so a database dump cannot sign
 * anybody in. The per-thread scratch space keeps the hot path free of allocations: one digest and two
 * 32-byte buffers per thread, reused.
 */
public final class SecretHasher {
  private static final ThreadLocal<PresentedSecret> SCRATCH = ThreadLocal.withInitial(PresentedSecret::new);

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
   * @param token a token that passed {@link TokenFormat#isWellFormedToken}
   * @param expectedHash the stored hash, or null when there is no stored session
   * @return true when the presented secret hashes to the stored hash
   * @see PresentedSecret#matches
   */
  public static boolean matches(String token, byte[] expectedHash) {
    PresentedSecret secret = present(token);
    if (secret == null) {
      return false;
    }
    try {
      return secret.matches(expectedHash);
    } finally {
      secret.clear();
    }
  }

  /**
   * Decodes a token's secret into this thread's scratch space, checking its characters as it goes.
   * The caller compares it with {@link PresentedSecret#matches} (as often as it needs) and then must
   * {@link PresentedSecret#clear} it, in a {@code finally}. Nothing else on the thread may present a
   * secret in between.
   *
   * @param token a token that passed {@link TokenFormat#hasTokenFrame}
   * @return the decoded secret, or null when the secret part is not canonical base64url (the scratch
   *     space is cleared)
   */
  public static @Nullable PresentedSecret present(String token) {
    PresentedSecret secret = SCRATCH.get();
    if (!TokenFormat.decodeSecret(token, secret.secret)) {
      secret.clear();
      return null;
    }
    return secret;
  }

  /**
   * Whether this thread's scratch space holds no presented secret: true after every check, whatever
   * its outcome. For tests of that promise.
   *
   * @return true when the scratch secret is all zeros
   */
  public static boolean scratchIsClear() {
    for (byte b : SCRATCH.get().secret) {
      if (b != 0) {
        return false;
      }
    }
    return true;
  }

  /** A secret taken from a token, held in per-thread scratch space until {@link #clear}. */
  public static final class PresentedSecret {
    private final MessageDigest sha256;
    private final byte[] secret = new byte[TokenFormat.SECRET_BYTES];
    private final byte[] hash = new byte[32];

    private PresentedSecret() {
      try {
        sha256 = MessageDigest.getInstance("SHA-256");
      } catch (NoSuchAlgorithmException e) {
        throw new IllegalStateException("every Java platform must provide SHA-256", e);
      }
    }

    /**
     * Hashes the secret and compares the result with {@code expectedHash} in constant time.
     *
     * <p>With no stored hash (the token names no session) the same work is done and the answer is
     * false: ids are public, and a path that skipped the hash for unknown ids would tell an attacker
     * by its timing which ids are live.
     *
     * @param expectedHash the stored hash, or null when there is no stored session
     * @return true when the secret hashes to the stored hash
     */
    public boolean matches(byte @Nullable [] expectedHash) {
      sha256.update(secret);
      try {
        sha256.digest(hash, 0, hash.length);
      } catch (DigestException e) {
        throw new IllegalStateException("SHA-256 digest failed", e);
      }
      boolean equal = MessageDigest.isEqual(hash, expectedHash == null ? NO_HASH : expectedHash);
      return equal && expectedHash != null;
    }

    /** Zeroes the secret: the presented secret does not outlive the check. */
    public void clear() {
      Arrays.fill(secret, (byte) 0);
    }
  }
}
