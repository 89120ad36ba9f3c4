package dev.sessionkit.internal;

import java.util.Arrays;
import java.util.Base64;

/**
 * The wire format of ids and tokens: URL-safe base64 without padding. A token is
 * {@code <22-char id>.<43-char secret>}, 66 characters in all.
 *
 * <p>The checks here run before any store call on the hot path, so they allocate nothing and never
 * throw. They also insist on the canonical encoding (unused trailing bits are zero): otherwise several
 * strings would decode to the same secret, and a token would have look-alike twins.
 */
public final class TokenFormat {
  public static final int ID_BYTES = 16;
  public static final int SECRET_BYTES = 32;
  public static final int ID_LENGTH = 22;
  public static final int SECRET_LENGTH = 43;
  public static final int TOKEN_LENGTH = ID_LENGTH + 1 + SECRET_LENGTH;
  public static final char SEPARATOR = '.';

  /** The low bits of an encoding's last character that carry no data: 22 * 6 - 128, 43 * 6 - 256. */
  private static final int ID_UNUSED_BITS = 4;
  private static final int SECRET_UNUSED_BITS = 2;

  private static final byte[] SEXTETS = new byte[128];
  private static final Base64.Encoder ENCODER = Base64.getUrlEncoder().withoutPadding();

  static {
    Arrays.fill(SEXTETS, (byte) -1);
    String alphabet = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_";
    for (int i = 0; i < alphabet.length(); i++) {
      SEXTETS[alphabet.charAt(i)] = (byte) i;
    }
  }

  private TokenFormat() {}

  /**
   * Whether {@code text} is shaped like a token; cheap, allocation-free, never throws.
   *
   * @param text caller input, may be null
   * @return true when it has the token's length, separator, alphabet and canonical padding bits
   */
  public static boolean isWellFormedToken(String text) {
    return hasTokenFrame(text) && isCanonical(text, ID_LENGTH + 1, TOKEN_LENGTH, SECRET_UNUSED_BITS);
  }

  /**
   * Whether {@code text} has a token's length, separator and a well-formed id: what the hot path
   * checks before anything else. The secret's characters are checked as they are decoded ({@link
   * #decodeCanonical}), so a token is read once, not scanned and then decoded.
   *
   * @param text caller input, may be null
   * @return true when the length, the separator and the id part are right
   */
  public static boolean hasTokenFrame(String text) {
    return text != null
        && text.length() == TOKEN_LENGTH
        && text.charAt(ID_LENGTH) == SEPARATOR
        && isCanonical(text, 0, ID_LENGTH, ID_UNUSED_BITS);
  }

  /**
   * Decodes a token's secret part into {@code out} if it is canonical base64url, in one pass.
   *
   * @param token text that passed {@link #hasTokenFrame}
   * @param out receives the {@link #SECRET_BYTES} bytes (partly written when the answer is false)
   * @return false when a character is outside the alphabet or the unused low bits are not zero
   */
  public static boolean decodeSecret(String token, byte[] out) {
    int bits = 0;
    int bitCount = 0;
    int o = 0;
    int sextet = 0;
    for (int i = ID_LENGTH + 1; i < TOKEN_LENGTH; i++) {
      char c = token.charAt(i);
      if (c >= 128 || (sextet = SEXTETS[c]) < 0) {
        return false;
      }
      bits = (bits << 6) | sextet;
      bitCount += 6;
      if (bitCount >= 8) {
        bitCount -= 8;
        out[o++] = (byte) (bits >>> bitCount);
      }
    }
    return (sextet & ((1 << SECRET_UNUSED_BITS) - 1)) == 0;
  }

  /**
   * Whether {@code text} is a well-formed session id; cheap, allocation-free, never throws.
   *
   * @param text the text, may be null
   * @return true when it is 22 canonical base64url characters
   */
  public static boolean isWellFormedId(CharSequence text) {
    return text != null && text.length() == ID_LENGTH && isCanonical(text, 0, ID_LENGTH, ID_UNUSED_BITS);
  }

  private static boolean isCanonical(CharSequence text, int from, int to, int unusedBits) {
    int last = 0;
    for (int i = from; i < to; i++) {
      char c = text.charAt(i);
      if (c >= 128 || (last = SEXTETS[c]) < 0) {
        return false;
      }
    }
    return (last & ((1 << unusedBits) - 1)) == 0;
  }

  /**
   * Encodes bytes as URL-safe base64 without padding.
   *
   * @param bytes the bytes
   * @return the text
   */
  public static String encode(byte[] bytes) {
    return ENCODER.encodeToString(bytes);
  }
}
