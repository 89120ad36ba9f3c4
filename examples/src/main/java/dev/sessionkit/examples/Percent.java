package dev.sessionkit.examples;

import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;

/** Strict percent-decoding (RFC 3986): every "%" starts two hex digits, and the bytes are UTF-8. */
final class Percent {
  private Percent() {}

  /**
   * Decodes text as it came in a request line. The JDK server reads that line byte by byte into chars
   * 0 to 255, so a char is a byte here, and raw UTF-8 decodes like its percent-encoded form.
   *
   * @throws IllegalArgumentException when a "%" is not followed by two hex digits, or the bytes are
   *     not UTF-8
   */
  static String decode(String text) {
    if (text.indexOf('%') < 0 && text.chars().allMatch(c -> c < 0x80)) {
      return text;
    }
    ByteArrayOutputStream bytes = new ByteArrayOutputStream(text.length());
    for (int i = 0; i < text.length(); i++) {
      char c = text.charAt(i);
      if (c == '%') {
        int high = i + 2 < text.length() ? Character.digit(text.charAt(i + 1), 16) : -1;
        int low = high < 0 ? -1 : Character.digit(text.charAt(i + 2), 16);
        if (low < 0) {
          throw new IllegalArgumentException("a % without two hex digits");
        }
        bytes.write(high * 16 + low);
        i += 2;
      } else if (c <= 0xFF) {
        bytes.write(c);
      } else {
        throw new IllegalArgumentException("not a request-line byte");
      }
    }
    try {
      return StandardCharsets.UTF_8.newDecoder()
          .onMalformedInput(CodingErrorAction.REPORT)
          .onUnmappableCharacter(CodingErrorAction.REPORT)
          .decode(ByteBuffer.wrap(bytes.toByteArray()))
          .toString();
    } catch (CharacterCodingException e) {
      throw new IllegalArgumentException("not UTF-8", e);
    }
  }
}
