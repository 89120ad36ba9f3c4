package dev.sessionkit.examples;

import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;

/** Strict percent-decoding (RFC 3986): every "%" starts two hex digits, and the bytes are UTF-8. */
final class Percent {
  /** What Jetty reads a byte that is not UTF-8 as. */
  private static final char NOT_UTF_8 = '\uFFFD';

  private Percent() {}

  /**
   * Decodes text as Jetty gives it from the request line: percent-escapes are bytes, the rest is text.
   * Raw bytes past ASCII (allowed in a query only: Jetty refuses a path with them) reach this as Jetty
   * read them, as UTF-8, so they count as their UTF-8 bytes; bytes that were not UTF-8 reach it as
   * U+FFFD and are refused, like escapes that are not UTF-8.
   *
   * @throws IllegalArgumentException when a "%" is not followed by two hex digits, or the bytes are
   *     not UTF-8
   */
  static String decode(String text) {
    if (text.indexOf('%') < 0 && text.indexOf(NOT_UTF_8) < 0) {
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
      } else if (c == NOT_UTF_8) {
        throw new IllegalArgumentException("not UTF-8");
      } else if (c < 0x80) {
        bytes.write(c);
      } else {
        int codePoint = text.codePointAt(i);
        bytes.writeBytes(new String(Character.toChars(codePoint)).getBytes(StandardCharsets.UTF_8));
        i += Character.charCount(codePoint) - 1;
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
