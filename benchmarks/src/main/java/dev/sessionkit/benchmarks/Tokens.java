package dev.sessionkit.benchmarks;

import java.util.concurrent.ThreadLocalRandom;

/** Bearer strings for the invalid-token benchmarks. */
final class Tokens {
  private Tokens() {}

  /** The same id with another well-formed secret. */
  static String withOtherSecret(String token) {
    byte[] secret = new byte[WireFormat.SECRET_BYTES];
    ThreadLocalRandom.current().nextBytes(secret);
    return token.substring(0, WireFormat.ID_LENGTH + 1) + WireFormat.encode(secret);
  }

  /**
   * Junk of the kinds a server sees, none of which may reach a store: empty, short, the right length
   * with a bad character at the very end (the most expensive to refuse), a bad separator, and a long
   * header value.
   */
  static String[] malformed(String validShape) {
    String badLastChar = validShape.substring(0, validShape.length() - 1) + '!';
    String badSeparator =
        validShape.substring(0, WireFormat.ID_LENGTH) + '~' + validShape.substring(WireFormat.ID_LENGTH + 1);
    return new String[] {
      "", "Bearer", "not-a-token", badLastChar, badSeparator, "x".repeat(2048), validShape.substring(1)
    };
  }
}
