package dev.sessionkit.internal;

import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.Optional;

/**
 * Encodes keyset positions as opaque cursor strings: URL-safe base64 of
 * {@code 2|<sort name>|<direction name>|<epoch millis>|<session id>}. The cursor carries its sort,
 * by enum constant name (never by ordinal, so reordering or adding constants keeps issued cursors'
 * meaning), so a page cannot be continued in another order by mistake. Version 1 cursors (ordinals)
 * are refused as malformed. It is not signed: it only positions
 * a caller inside lists they may read anyway.
 */
public final class CursorCodec {
  /** Longer cursor text is rejected before any decoding. */
  public static final int MAX_LENGTH = 128;

  private static final String VERSION = "2";

  private CursorCodec() {}

  /** A decoded cursor. */
  public record Position(String sortName, String directionName, long sortValueMillis, String id) {}

  /**
   * @param sortName the sort field's constant name
   * @param directionName the direction's constant name
   * @param sortValueMillis the last item's sort value
   * @param id the last item's session id
   * @return the cursor text
   */
  public static String encode(String sortName, String directionName, long sortValueMillis, String id) {
    String raw = VERSION + '|' + sortName + '|' + directionName + '|' + sortValueMillis + '|' + id;
    return Base64.getUrlEncoder().withoutPadding().encodeToString(raw.getBytes(StandardCharsets.US_ASCII));
  }

  /**
   * @param cursor caller text
   * @return the position, or empty when the text is not a cursor this version wrote
   */
  public static Optional<Position> decode(String cursor) {
    if (cursor == null || cursor.isEmpty() || cursor.length() > MAX_LENGTH) {
      return Optional.empty();
    }
    String raw;
    try {
      raw = new String(Base64.getUrlDecoder().decode(cursor), StandardCharsets.US_ASCII);
    } catch (IllegalArgumentException e) {
      return Optional.empty();
    }
    String[] parts = raw.split("\\|", -1);
    if (parts.length != 5 || !VERSION.equals(parts[0])) {
      return Optional.empty();
    }
    try {
      long value = Long.parseLong(parts[3]);
      String id = parts[4];
      if (!isName(parts[1]) || !isName(parts[2]) || !TokenFormat.isWellFormedId(id)) {
        return Optional.empty();
      }
      return Optional.of(new Position(parts[1], parts[2], value, id));
    } catch (NumberFormatException e) {
      return Optional.empty();
    }
  }

  /** An enum constant's shape: upper-case ASCII letters and underscores, 1 to 32 of them. */
  private static boolean isName(String text) {
    if (text.isEmpty() || text.length() > 32) {
      return false;
    }
    for (int i = 0; i < text.length(); i++) {
      char c = text.charAt(i);
      if (!(c >= 'A' && c <= 'Z') && c != '_') {
        return false;
      }
    }
    return true;
  }
}
