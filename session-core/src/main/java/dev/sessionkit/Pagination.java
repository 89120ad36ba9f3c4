package dev.sessionkit;

import dev.sessionkit.internal.CursorCodec;
import java.util.Objects;
import org.jspecify.annotations.Nullable;

/**
 * How a list of sessions is asked for. Three forms, all sorted by a {@link SortField} and {@link
 * SortDirection} from fixed enums (default: last access, newest first, ties by id):
 *
 * <ul>
 *   <li>{@link #page(int, int)}: 1-based page number and page size ({@code ?page=2&limit=50});
 *   <li>{@link #offset(long, int)}: offset and limit ({@code $skip/$take}, {@code offset/limit});
 *   <li>{@link #first(int)} then {@link #after(String, int)}: keyset cursor paging, stable and as cheap
 *       on page 1000 as on page 1. Every {@link Page} with more items carries a next cursor.
 * </ul>
 *
 * Totals (total items, total pages) cost a count and are computed only after {@link #withTotal()}.
 * Factories validate at once and throw {@link ErrorCode#INVALID_ARGUMENT}; the page size is also held
 * against the policy's maximum when the list runs.
 */
public final class Pagination {
  /** The page size used by {@link #firstPage()}. */
  public static final int DEFAULT_SIZE = 20;

  private final long offset;
  private final int limit;
  private final CursorCodec.@Nullable Position cursor;
  private final SortField sort;
  private final SortDirection direction;
  private final boolean withTotal;

  private Pagination(
      long offset,
      int limit,
      CursorCodec.@Nullable Position cursor,
      SortField sort,
      SortDirection direction,
      boolean withTotal) {
    this.offset = offset;
    this.limit = limit;
    this.cursor = cursor;
    this.sort = sort;
    this.direction = direction;
    this.withTotal = withTotal;
  }

  /**
   * The first page of {@value #DEFAULT_SIZE} sessions, most recently used first.
   *
   * @return the pagination
   */
  public static Pagination firstPage() {
    return page(1, DEFAULT_SIZE);
  }

  /**
   * Page {@code page} (1-based) of {@code size} items.
   *
   * @param page the page number, at least 1
   * @param size the page size, at least 1
   * @return the pagination
   * @throws SessionException {@link ErrorCode#INVALID_ARGUMENT} when out of range
   */
  public static Pagination page(int page, int size) {
    if (page < 1) {
      throw SessionException.invalidArgument("page must be at least 1, was " + page);
    }
    checkLimit(size);
    return new Pagination(
        (long) (page - 1) * size, size, null, SortField.LAST_ACCESSED, SortDirection.DESCENDING, false);
  }

  /**
   * Skip {@code offset} items, then take up to {@code limit}.
   *
   * @param offset items to skip, at least 0
   * @param limit items to take, at least 1
   * @return the pagination
   * @throws SessionException {@link ErrorCode#INVALID_ARGUMENT} when out of range
   */
  public static Pagination offset(long offset, int limit) {
    if (offset < 0) {
      throw SessionException.invalidArgument("offset must not be negative, was " + offset);
    }
    checkLimit(limit);
    return new Pagination(
        offset, limit, null, SortField.LAST_ACCESSED, SortDirection.DESCENDING, false);
  }

  /**
   * The first page of a keyset-paged list; continue with {@link Page#nextCursor()}.
   *
   * @param limit items per page, at least 1
   * @return the pagination
   */
  public static Pagination first(int limit) {
    return offset(0, limit);
  }

  /**
   * The page after a cursor from an earlier {@link Page}. The sort comes from the cursor.
   *
   * @param cursor the opaque cursor text
   * @param limit items per page, at least 1
   * @return the pagination
   * @throws SessionException {@link ErrorCode#INVALID_ARGUMENT} when the cursor is not one of ours
   */
  public static Pagination after(String cursor, int limit) {
    checkLimit(limit);
    CursorCodec.Position position =
        CursorCodec.decode(cursor)
            .orElseThrow(() -> SessionException.invalidArgument("malformed pagination cursor"));
    SortField field = constant(SortField.class, position.sortName());
    SortDirection direction = constant(SortDirection.class, position.directionName());
    return new Pagination(0, limit, position, field, direction, false);
  }

  /** The constant a cursor names; a name this version does not know makes the cursor malformed. */
  private static <E extends Enum<E>> E constant(Class<E> type, String name) {
    try {
      return Enum.valueOf(type, name);
    } catch (IllegalArgumentException e) {
      throw SessionException.invalidArgument("malformed pagination cursor");
    }
  }

  /**
   * The same pagination in another order. A cursor pagination keeps the order of its cursor: asking
   * for another one is an error.
   *
   * @param field what to sort by
   * @param sortDirection ascending or descending
   * @return a new pagination
   * @throws SessionException {@link ErrorCode#INVALID_ARGUMENT} when it contradicts the cursor
   */
  public Pagination sortedBy(SortField field, SortDirection sortDirection) {
    Objects.requireNonNull(field, "field");
    Objects.requireNonNull(sortDirection, "direction");
    if (cursor != null && (field != sort || sortDirection != direction)) {
      throw SessionException.invalidArgument("a cursor continues the order it was made in");
    }
    return new Pagination(offset, limit, cursor, field, sortDirection, withTotal);
  }

  /**
   * The same pagination, also computing total items and total pages.
   *
   * @return a new pagination
   */
  public Pagination withTotal() {
    return new Pagination(offset, limit, cursor, sort, direction, true);
  }

  /** @return items skipped before this page; 0 for cursor pages */
  public long offset() {
    return offset;
  }

  /** @return the page size */
  public int limit() {
    return limit;
  }

  /** @return the sort field */
  public SortField sort() {
    return sort;
  }

  /** @return the sort direction */
  public SortDirection direction() {
    return direction;
  }

  /** @return whether totals are computed */
  public boolean includesTotal() {
    return withTotal;
  }

  /** @return whether this page continues after a cursor */
  public boolean isCursor() {
    return cursor != null;
  }

  CursorCodec.@Nullable Position cursorPosition() {
    return cursor;
  }

  private static void checkLimit(int limit) {
    if (limit < 1) {
      throw SessionException.invalidArgument("page size must be at least 1, was " + limit);
    }
  }

  @Override
  public String toString() {
    return "Pagination[" + (cursor != null ? "cursor" : "offset=" + offset)
        + ", limit=" + limit + ", sort=" + sort + ' ' + direction
        + (withTotal ? ", withTotal" : "") + "]";
  }
}
