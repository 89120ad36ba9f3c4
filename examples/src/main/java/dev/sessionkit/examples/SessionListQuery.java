package dev.sessionkit.examples;

import static dev.sessionkit.examples.QueryParams.invalid;

import dev.sessionkit.Pagination;
import dev.sessionkit.SortDirection;
import dev.sessionkit.SortField;
import java.util.List;
import java.util.Set;
import java.util.stream.Stream;

/**
 * The query of the two list routes, as the README documents it: a page size ({@code limit} or {@code
 * $take}), at most one of {@code page}, {@code offset} / {@code $skip} and {@code cursor}, an order
 * ({@code sort}, {@code order}) and totals ({@code count} or {@code $count}). The {@code $} names are
 * the point-of-sale seed API's spelling of the same things; giving both spellings is refused.
 */
final class SessionListQuery {
  static final Set<String> NAMES =
      Set.of("limit", "$take", "page", "offset", "$skip", "cursor", "sort", "order", "count", "$count");

  private SessionListQuery() {}

  /**
   * @param query the request's parameters, already limited to {@link #NAMES}
   * @param maxPageSize the policy's largest page
   */
  static Pagination pagination(QueryParams query, int maxPageSize) {
    int limit = (int) (long) query.number(oneOf(query, "limit", "$take"), 1, maxPageSize)
        .orElse((long) Pagination.DEFAULT_SIZE);
    List<String> forms = Stream.of("page", "offset", "$skip", "cursor").filter(query::has).toList();
    if (forms.size() > 1) {
      throw invalid("give one of page, offset ($skip) and cursor, not " + String.join(" and ", forms));
    }
    String form = forms.isEmpty() ? "page" : forms.get(0);
    Pagination pagination;
    if (form.equals("cursor")) {
      if (query.has("sort") || query.has("order")) {
        throw invalid("sort and order go with the first page; a cursor continues the order it was made in");
      }
      pagination = Pagination.after(query.text("cursor").orElseThrow(), limit);
    } else if (form.equals("page")) {
      pagination = Pagination.page((int) (long) query.number("page", 1, Integer.MAX_VALUE).orElse(1L), limit);
    } else {
      pagination = Pagination.offset(query.number(form, 0, Long.MAX_VALUE).orElseThrow(), limit);
    }
    if (query.has("sort") || query.has("order")) {
      pagination = pagination.sortedBy(sortField(query.text("sort").orElse("lastAccessed")),
          direction(query.text("order").orElse("desc")));
    }
    boolean totals = query.bool(oneOf(query, "count", "$count")).orElse(false);
    return totals ? pagination.withTotal() : pagination;
  }

  /** The one of two spellings the query uses (the first when neither); both is a 400. */
  private static String oneOf(QueryParams query, String name, String alias) {
    if (query.has(name) && query.has(alias)) {
      throw invalid(name + " and " + alias + " are the same parameter; give one");
    }
    return query.has(alias) ? alias : name;
  }

  private static SortField sortField(String text) {
    return switch (text) {
      case "lastAccessed" -> SortField.LAST_ACCESSED;
      case "created" -> SortField.CREATED;
      case "expires" -> SortField.EXPIRES;
      default -> throw invalid("sort must be lastAccessed, created or expires");
    };
  }

  private static SortDirection direction(String text) {
    return switch (text) {
      case "asc" -> SortDirection.ASCENDING;
      case "desc" -> SortDirection.DESCENDING;
      default -> throw invalid("order must be asc or desc");
    };
  }
}
