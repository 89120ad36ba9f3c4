package dev.sessionkit.internal;

/**
 * Checks of caller text that every store relies on: well-formed UTF-16, no control characters, no
 * spaces at either end. A database cannot keep what Java strings may hold: PostgreSQL's driver sends
 * an unpaired surrogate as {@code ?}, so two different subjects would become one, and a PAD SPACE
 * collation makes trailing spaces vanish. Refusing such text at the API keeps every store exact.
 */
public final class Text {
  private Text() {}

  /**
   * @param text any text
   * @return true when every high surrogate is followed by a low one and no low one stands alone
   */
  public static boolean isWellFormedUtf16(CharSequence text) {
    int n = text.length();
    for (int i = 0; i < n; i++) {
      char c = text.charAt(i);
      if (Character.isHighSurrogate(c)) {
        if (i + 1 == n || !Character.isLowSurrogate(text.charAt(i + 1))) {
          return false;
        }
        i++;
      } else if (Character.isLowSurrogate(c)) {
        return false;
      }
    }
    return true;
  }

  /**
   * @param text any text
   * @return true when it holds a control character (C0, DEL or C1)
   */
  public static boolean hasControlCharacter(CharSequence text) {
    for (int i = 0; i < text.length(); i++) {
      if (Character.isISOControl(text.charAt(i))) {
        return true;
      }
    }
    return false;
  }

  /**
   * @param text any non-empty text
   * @return true when it starts or ends with whitespace or a Unicode space separator (U+00A0 and
   *     U+3000 included, which {@link String#strip()} leaves alone)
   */
  public static boolean hasSpaceAtEitherEnd(String text) {
    return isSpace(text.codePointAt(0)) || isSpace(text.codePointBefore(text.length()));
  }

  /**
   * @param text any text
   * @return true when every code point of it is a space (Unicode spaces included)
   */
  public static boolean isBlank(String text) {
    for (int i = 0; i < text.length(); ) {
      int codePoint = text.codePointAt(i);
      if (!isSpace(codePoint)) {
        return false;
      }
      i += Character.charCount(codePoint);
    }
    return true;
  }

  private static boolean isSpace(int codePoint) {
    return Character.isWhitespace(codePoint) || Character.isSpaceChar(codePoint);
  }

  /**
   * Cuts text to at most {@code max} chars without splitting a surrogate pair (a cut pair would be
   * malformed, and a database would keep a {@code ?} in its place).
   *
   * @param text well-formed text
   * @param max the most chars to keep, at least 1
   * @return the text, or its longest well-formed prefix of at most {@code max} chars
   */
  public static String cut(String text, int max) {
    if (text.length() <= max) {
      return text;
    }
    int end = Character.isHighSurrogate(text.charAt(max - 1)) ? max - 1 : max;
    return text.substring(0, end);
  }
}
