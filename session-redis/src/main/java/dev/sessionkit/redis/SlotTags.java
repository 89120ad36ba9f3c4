package dev.sessionkit.redis;

import dev.sessionkit.SessionId;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;

/**
 * The 16 slot tags that keep a subject's keys together: every key of a subject (its sessions' hashes,
 * its index) and what its scripts append to (its tag's due set and change stream) carry the same
 * Redis Cluster hash tag, so each script works in one hash slot, and a session id names its tag in
 * its first character, so findById reads one key. A subject's tag is the low 4 bits of the first
 * byte of SHA-256(subject as UTF-8); an id's tag is its first character's base64url value modulo 16,
 * whatever store made it.
 *
 * <p>16 tags, because a purge and a near-cache poll visit each tag's due set and stream: few enough
 * to read all of them in one pipelined round trip, and enough to spread subjects over up to 16
 * masters. Each tag's hash-tag name was chosen so the tags spread evenly over the 16,384 slots: the
 * two-character string of {@code [a-z0-9]} whose CRC16 slot is nearest the middle of the tag's
 * sixteenth of the range ({@code k * 1024 + 512}); SlotTagsTest recomputes the slots.
 */
final class SlotTags {
  static final int COUNT = 16;
  private static final String[] NAMES = {
    "18", "5x", "dj", "3r", "d2", "pv", "uh", "iy", "ly", "h9", "uv", "q6", "9s", "5f", "dt", "ha"
  };
  private static final String ALPHABET =
      "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_";

  private SlotTags() {}

  /** @return the hash tag, braces included, of tag {@code tag} (0 to 15) */
  static String hashTag(int tag) {
    return "{" + NAMES[tag] + "}";
  }

  /** @return the tag of a subject: 4 bits of SHA-256(subject) */
  static int ofSubject(String subject) {
    try {
      byte[] digest = MessageDigest.getInstance("SHA-256").digest(subject.getBytes(StandardCharsets.UTF_8));
      return digest[0] & (COUNT - 1);
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }

  /** @return the tag a well-formed id names in its first character */
  static int ofId(String id) {
    return ALPHABET.indexOf(id.charAt(0)) % COUNT;
  }

  /**
   * A new id for the subject: 128 random bits but for the first character, whose 6 bits are the
   * subject's tag (4) and 2 more random ones, so 124 bits stay random.
   *
   * @param subject the subject
   * @param random the service's source of randomness
   * @return an id whose tag is the subject's
   */
  static SessionId newId(String subject, SecureRandom random) {
    String random128 = SessionId.random(random).value();
    char first = ALPHABET.charAt(ofSubject(subject) + COUNT * random.nextInt(4));
    return new SessionId(first + random128.substring(1));
  }
}
