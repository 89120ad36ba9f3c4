package dev.sessionkit.benchmarks;

import java.security.DigestException;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.SplittableRandom;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The cost no store can beat: the same 66-character tokens, a length and separator check, one {@code
 * ConcurrentHashMap.get} by id, decoding the secret and SHA-256 with a per-thread reused digest, a
 * constant-time compare. No clock, no expiry, no listeners, no result object.
 */
final class FloorBackend implements Backend {
  private static final ThreadLocal<Scratch> SCRATCH = ThreadLocal.withInitial(Scratch::new);

  private final ConcurrentHashMap<String, byte[]> hashes = new ConcurrentHashMap<>();
  // Token randomness does not matter to the floor; a fast generator keeps 1M-entry setups short.
  private final SplittableRandom random = new SplittableRandom();

  @Override
  public String issue(String subject) {
    byte[] id = new byte[WireFormat.ID_BYTES];
    byte[] secret = new byte[WireFormat.SECRET_BYTES];
    random.nextBytes(id);
    random.nextBytes(secret);
    String idText = WireFormat.encode(id);
    hashes.put(idText, SCRATCH.get().sha256.digest(secret));
    return idText + WireFormat.SEPARATOR + WireFormat.encode(secret);
  }

  @Override
  public Object validate(String bearer) {
    if (bearer == null
        || bearer.length() != WireFormat.TOKEN_LENGTH
        || bearer.charAt(WireFormat.ID_LENGTH) != WireFormat.SEPARATOR) {
      return null;
    }
    byte[] expected = hashes.get(bearer.substring(0, WireFormat.ID_LENGTH));
    if (expected == null) {
      return null;
    }
    Scratch s = SCRATCH.get();
    if (!WireFormat.decode(bearer, WireFormat.ID_LENGTH + 1, WireFormat.SECRET_LENGTH, s.secret)) {
      return null;
    }
    s.sha256.update(s.secret);
    try {
      s.sha256.digest(s.hash, 0, s.hash.length);
    } catch (DigestException e) {
      throw new IllegalStateException(e);
    }
    return MessageDigest.isEqual(s.hash, expected) ? expected : null;
  }

  @Override
  public String unknownBearer() {
    String valid = issue("nobody");
    hashes.remove(valid.substring(0, WireFormat.ID_LENGTH));
    return valid;
  }

  @Override
  public String wrongSecret(String valid) {
    return Tokens.withOtherSecret(valid);
  }

  @Override
  public void close() {
    hashes.clear();
  }

  private static final class Scratch {
    final MessageDigest sha256;
    final byte[] secret = new byte[WireFormat.SECRET_BYTES];
    final byte[] hash = new byte[32];

    Scratch() {
      try {
        sha256 = MessageDigest.getInstance("SHA-256");
      } catch (NoSuchAlgorithmException e) {
        throw new IllegalStateException(e);
      }
    }
  }
}
