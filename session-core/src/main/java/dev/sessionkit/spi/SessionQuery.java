package dev.sessionkit.spi;

import dev.sessionkit.Session;
import dev.sessionkit.SortDirection;
import dev.sessionkit.SortField;
import java.time.Instant;
import java.util.Comparator;
import java.util.Objects;
import org.jspecify.annotations.Nullable;

/**
 * One page of one subject's live sessions, as a store must answer it: sessions of {@code subject} not
 * expired at {@code now}, ordered by {@code sort} in {@code direction} with ties broken by id in the
 * same direction, then either strictly after {@code after} (keyset) or past {@code offset} items, at
 * most {@code limit} of them.
 *
 * @param subject whose sessions
 * @param now the instant that decides expiry
 * @param sort the sort field
 * @param direction the direction
 * @param offset items to skip; 0 when {@code after} is set
 * @param limit the most items to return, at least 1
 * @param after the keyset position, or null for offset paging
 */
public record SessionQuery(
    String subject,
    Instant now,
    SortField sort,
    SortDirection direction,
    long offset,
    int limit,
    @Nullable KeysetPosition after) {

  /**
   * Checks the values.
   *
   * @param subject whose sessions
   * @param now the instant that decides expiry
   * @param sort the sort field
   * @param direction the direction
   * @param offset items to skip; 0 when {@code after} is set
   * @param limit the most items to return, at least 1
   * @param after the keyset position, or null for offset paging
   */
  public SessionQuery {
    Objects.requireNonNull(subject, "subject");
    Objects.requireNonNull(now, "now");
    Objects.requireNonNull(sort, "sort");
    Objects.requireNonNull(direction, "direction");
    if (offset < 0 || limit < 1 || (after != null && offset != 0)) {
      throw new IllegalArgumentException("bad offset/limit/after combination");
    }
  }

  /**
   * The value of the sort field of a session.
   *
   * @param field the sort field
   * @param session the session
   * @return the instant the list is sorted by
   */
  public static Instant sortValue(SortField field, Session session) {
    return switch (field) {
      case LAST_ACCESSED -> session.lastAccessedAt();
      case CREATED -> session.createdAt();
      case EXPIRES -> session.expiresAt();
    };
  }

  /**
   * The order of this query, for stores that sort in memory.
   *
   * @return a comparator on sort value then id, in the query's direction
   */
  public Comparator<Session> comparator() {
    Comparator<Session> ascending =
        Comparator.<Session, Instant>comparing(s -> sortValue(sort, s))
            .thenComparing(s -> s.id().value());
    return direction == SortDirection.ASCENDING ? ascending : ascending.reversed();
  }

  /**
   * Whether a session comes strictly after the keyset position in this query's order (always true
   * when the query has no position).
   *
   * @param session the session
   * @return true when it belongs on the requested page or later
   */
  public boolean isAfterPosition(Session session) {
    if (after == null) {
      return true;
    }
    int byValue = sortValue(sort, session).compareTo(after.sortValue());
    int cmp = byValue != 0 ? byValue : session.id().value().compareTo(after.id().value());
    return direction == SortDirection.ASCENDING ? cmp > 0 : cmp < 0;
  }
}
