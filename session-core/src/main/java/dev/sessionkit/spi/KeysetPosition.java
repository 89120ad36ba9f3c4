package dev.sessionkit.spi;

import dev.sessionkit.SessionId;
import java.time.Instant;
import java.util.Objects;

/**
 * The last item of the previous page in keyset paging: its sort value and id. The next page holds the
 * items strictly after it in the query's order.
 *
 * @param sortValue the previous item's value of the sort field
 * @param id the previous item's id (the tie-breaker)
 */
public record KeysetPosition(Instant sortValue, SessionId id) {
  /**
   * Checks both parts.
   *
   * @param sortValue the previous item's value of the sort field
   * @param id the previous item's id (the tie-breaker)
   */
  public KeysetPosition {
    Objects.requireNonNull(sortValue, "sortValue");
    Objects.requireNonNull(id, "id");
  }
}
