package dev.sessionkit.benchmarks;

import java.util.Base64;

/**
 * sessionkit's documented token format, written out here for the benchmarks: {@code <id>.<secret>},
 * 16 random id bytes and 32 random secret bytes, each URL-safe base64 without padding. The floor and
 * the token helpers use it instead of session-core's internal package, which nothing outside
 * session-core may use; a change of the format shows as failing benchmark smoke tests.
 */
final class WireFormat {
  static final int ID_BYTES = 16;
  static final int SECRET_BYTES = 32;
  static final int ID_LENGTH = 22;
  static final int SECRET_LENGTH = 43;
  static final int TOKEN_LENGTH = ID_LENGTH + 1 + SECRET_LENGTH;
  static final char SEPARATOR = '.';

  private static final Base64.Encoder ENCODER = Base64.getUrlEncoder().withoutPadding();
  private static final byte[] SEXTETS = new byte[128];

  static {
    java.util.Arrays.fill(SEXTETS, (byte) -1);
    String alphabet = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_";
    for (int i = 0; i < alphabet.length(); i++) {
      SEXTETS[alphabet.charAt(i)] = (byte) i;
    }
  }

  private WireFormat() {}

  static String encode(byte[] bytes) {
    return ENCODER.encodeToString(bytes);
  }

  /**
   * Decodes {@code length} base64url characters from {@code from} into {@code out} without
   * allocating; a character outside the alphabet makes it return false.
   */
  static boolean decode(CharSequence text, int from, int length, byte[] out) {
    int bits = 0;
    int bitCount = 0;
    int o = 0;
    for (int i = from; i < from + length; i++) {
      char c = text.charAt(i);
      int sextet = c < 128 ? SEXTETS[c] : -1;
      if (sextet < 0) {
        return false;
      }
      bits = (bits << 6) | sextet;
      bitCount += 6;
      if (bitCount >= 8) {
        bitCount -= 8;
        out[o++] = (byte) (bits >>> bitCount);
      }
    }
    return true;
  }
}
