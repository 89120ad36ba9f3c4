package dev.sessionkit;

import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.OptionalLong;
import java.util.function.Function;

/**
 * One page of a list, with what the usual JSON envelopes need: {@code items}, {@code count} ({@link #itemCount()}), {@code
 * page}/{@code perPage}, {@code total}/{@code totalCount}, {@code totalPages} and a next cursor.
 *
 * @param items the items, in order
 * @param limit the page size asked for ({@code perPage})
 * @param offset items skipped before this page; empty for cursor pages, where it is not known
 * @param totalItems all items of the list, when totals were asked for
 * @param nextCursor the cursor for the following page; empty on the last page
 * @param <T> the item type
 */
public record Page<T>(
    List<T> items, int limit, OptionalLong offset, OptionalLong totalItems, Optional<String> nextCursor) {

  /**
   * Copies the items and checks the rest.
   *
   * @param items the items, in order
   * @param limit the page size asked for ({@code perPage})
   * @param offset items skipped before this page; empty for cursor pages, where it is not known
   * @param totalItems all items of the list, when totals were asked for
   * @param nextCursor the cursor for the following page; empty on the last page
   */
  public Page {
    items = List.copyOf(items);
    Objects.requireNonNull(offset, "offset");
    Objects.requireNonNull(totalItems, "totalItems");
    Objects.requireNonNull(nextCursor, "nextCursor");
    if (limit < 1) {
      throw new IllegalArgumentException("limit must be at least 1");
    }
  }

  /**
   * The number of items on this page (the {@code count} of page-based JSON envelopes). Not the
   * subject's total: that is {@link #totalItems()}, or {@link SubjectSessions#count()}.
   *
   * @return the number of items on this page
   */
  public int itemCount() {
    return items.size();
  }

  /** @return the page size, an alias of {@link #limit()} named as in page-based APIs */
  public int perPage() {
    return limit;
  }

  /** @return whether another page follows */
  public boolean hasMore() {
    return nextCursor.isPresent();
  }

  /**
   * The 1-based page number, when the offset is a whole number of pages.
   *
   * @return the page number, or empty for cursor pages and unaligned offsets
   */
  public OptionalInt pageNumber() {
    if (offset.isEmpty() || offset.getAsLong() % limit != 0) {
      return OptionalInt.empty();
    }
    long page = offset.getAsLong() / limit + 1;
    return page > Integer.MAX_VALUE ? OptionalInt.empty() : OptionalInt.of((int) page);
  }

  /**
   * Total pages of {@link #limit()} items, when totals were asked for (0 for an empty list).
   *
   * @return the page count
   */
  public OptionalLong totalPages() {
    if (totalItems.isEmpty()) {
      return OptionalLong.empty();
    }
    long total = totalItems.getAsLong();
    return OptionalLong.of((total + limit - 1) / limit);
  }

  /**
   * The same page with each item mapped, for rendering.
   *
   * @param mapper the mapping
   * @param <R> the new item type
   * @return the mapped page
   */
  public <R> Page<R> map(Function<? super T, ? extends R> mapper) {
    return new Page<>(items.stream().<R>map(mapper).toList(), limit, offset, totalItems, nextCursor);
  }
}
