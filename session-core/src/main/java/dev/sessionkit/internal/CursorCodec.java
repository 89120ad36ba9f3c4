package dev.sessionkit.internal;

import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.Optional;

/**
 * Encodes keyset positions as opaque cursor strings: URL-safe base64 of
 * {@code 1|<sort ordinal>|<direction ordinal>|<epoch millis>|<session id>}. The cursor carries its
 * sort so a page cannot be continued in another order by mistake. It is not signed: it only positions
 * a caller inside lists they may read anyway.
 */
public final class CursorCodec {
  /** Longer cursor text is rejected before any decoding. */
  public static final int MAX_LENGTH = 128;

  private static final String VERSION = "1";

  private CursorCodec() {}

  /** A decoded cursor. */
  public record Position(int sortOrdinal, int directionOrdinal, long sortValueMillis, String id) {}

  /**
   * @param sortOrdinal the sort field's ordinal
   * @param directionOrdinal the direction's ordinal
   * @param sortValueMillis the last item's sort value
   * @param id the last item's session id
   * @return the cursor text
   */
  public static String encode(int sortOrdinal, int directionOrdinal, long sortValueMillis, String id) {
    String raw = VERSION + '|' + sortOrdinal + '|' + directionOrdinal + '|' + sortValueMillis + '|' + id;
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
      int sort = Integer.parseInt(parts[1]);
      int direction = Integer.parseInt(parts[2]);
      long value = Long.parseLong(parts[3]);
      String id = parts[4];
      if (sort < 0 || direction < 0 || !TokenFormat.isWellFormedId(id)) {
        return Optional.empty();
      }
      return Optional.of(new Position(sort, direction, value, id));
    } catch (NumberFormatException e) {
      return Optional.empty();
    }
  }
}
