package dev.sessionkit.testkit;

import static org.assertj.core.api.Assertions.assertThat;

import dev.sessionkit.ErrorCode;
import dev.sessionkit.Page;
import dev.sessionkit.Pagination;
import dev.sessionkit.Session;
import dev.sessionkit.SessionId;
import dev.sessionkit.SessionPolicy;
import dev.sessionkit.SessionView;
import dev.sessionkit.SortDirection;
import dev.sessionkit.SortField;
import dev.sessionkit.SubjectSessions;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.params.provider.MethodSource;

/** Every pagination form, its bounds, and stable order across pages. */
public abstract class PaginationContract extends ContractFixture {

  /** Issues {@code n} sessions of alice, each a second after the last, some used later. */
  private List<Session> sessions(int n) {
    List<Session> issued = new ArrayList<>();
    List<String> tokens = new ArrayList<>();
    for (int i = 0; i < n; i++) {
      var s = login("alice");
      issued.add(s.session());
      tokens.add(s.token().value());
      clock.advance(Duration.ofSeconds(1));
    }
    // Use every third one later, so last-access order differs from creation order.
    clock.advance(TOUCH);
    for (int i = 0; i < n; i += 3) {
      service.validate(tokens.get(i));
      clock.advance(Duration.ofSeconds(1));
    }
    login("bob");
    return issued;
  }

  /**
   * The order a list must have, written out here rather than taken from the code under test: the
   * sort value, then the id, both in the list's direction.
   */
  private static Comparator<Session> order(SortField field, SortDirection direction) {
    Comparator<Session> ascending =
        Comparator.comparing((Session s) -> switch (field) {
              case LAST_ACCESSED -> s.lastAccessedAt();
              case CREATED -> s.createdAt();
              case EXPIRES -> s.expiresAt();
            })
            .thenComparing(s -> s.id().value());
    return direction == SortDirection.ASCENDING ? ascending : ascending.reversed();
  }

  private List<Session> expected(SortField field, SortDirection direction) {
    List<Session> all = new ArrayList<>();
    Page<SessionView> page = service.forSubject("alice").list(Pagination.first(100).sortedBy(field, direction));
    page.items().forEach(v -> all.add(v.session()));
    assertThat(all).hasSize((int) service.forSubject("alice").count()).isSortedAccordingTo(order(field, direction));
    return all;
  }

  static List<Arguments> orders() {
    List<Arguments> orders = new ArrayList<>();
    for (SortField f : SortField.values()) {
      for (SortDirection d : SortDirection.values()) {
        orders.add(Arguments.of(f, d));
      }
    }
    return orders;
  }

  @Test
  void defaultOrderIsMostRecentAccessFirst() {
    sessions(7);

    List<Session> items =
        service.forSubject("alice").list(Pagination.firstPage()).items().stream().map(SessionView::session).toList();

    assertThat(items).hasSize(7);
    assertThat(items).isSortedAccordingTo(
        Comparator.comparing(Session::lastAccessedAt).thenComparing(s -> s.id().value()).reversed());
  }

  @ParameterizedTest
  @MethodSource("orders")
  void keysetCursorWalksEverySessionOnceInOrder(SortField field, SortDirection direction) {
    sessions(23);
    List<Session> all = expected(field, direction);

    List<Session> walked = new ArrayList<>();
    SubjectSessions alice = service.forSubject("alice");
    Page<SessionView> page = alice.list(Pagination.first(5).sortedBy(field, direction));
    int pages = 1;
    while (true) {
      page.items().forEach(v -> walked.add(v.session()));
      if (page.nextCursor().isEmpty()) {
        break;
      }
      page = alice.list(Pagination.after(page.nextCursor().get(), 5));
      pages++;
    }

    assertThat(walked).containsExactlyElementsOf(all);
    assertThat(pages).isEqualTo(5);
  }

  @ParameterizedTest
  @MethodSource("orders")
  void pagesWalkEverySessionOnceInOrder(SortField field, SortDirection direction) {
    sessions(23);
    List<Session> all = expected(field, direction);

    List<Session> walked = new ArrayList<>();
    for (int p = 1; p <= 5; p++) {
      Page<SessionView> page =
          service.forSubject("alice").list(Pagination.page(p, 5).sortedBy(field, direction).withTotal());
      assertThat(page.pageNumber()).hasValue(p);
      assertThat(page.totalItems()).hasValue(23);
      assertThat(page.totalPages()).hasValue(5);
      assertThat(page.hasMore()).isEqualTo(p < 5);
      page.items().forEach(v -> walked.add(v.session()));
    }
    assertThat(walked).containsExactlyElementsOf(all);
  }

  @Test
  void offsetAndLimitSkipThenTake() {
    sessions(10);
    List<Session> all = expected(SortField.LAST_ACCESSED, SortDirection.DESCENDING);

    Page<SessionView> page = service.forSubject("alice").list(Pagination.offset(3, 4));

    assertThat(page.items()).extracting(SessionView::session).containsExactlyElementsOf(all.subList(3, 7));
    assertThat(page.offset()).hasValue(3);
    assertThat(page.itemCount()).isEqualTo(4);
    assertThat(page.perPage()).isEqualTo(4);
    assertThat(page.pageNumber()).isEmpty();
  }

  @Test
  void tiesAreBrokenByIdAndStableAcrossPages() {
    for (int i = 0; i < 12; i++) {
      login("alice");
    }
    List<Session> all = expected(SortField.CREATED, SortDirection.ASCENDING);
    assertThat(all).extracting(s -> s.id().value()).isSorted();

    List<Session> walked = new ArrayList<>();
    Page<SessionView> page = service.forSubject("alice").list(Pagination.first(5).sortedBy(SortField.CREATED, SortDirection.ASCENDING));
    page.items().forEach(v -> walked.add(v.session()));
    while (page.nextCursor().isPresent()) {
      page = service.forSubject("alice").list(Pagination.after(page.nextCursor().get(), 5));
      page.items().forEach(v -> walked.add(v.session()));
    }
    assertThat(walked).containsExactlyElementsOf(all);
  }

  @Test
  void totalsOnlyWhenAsked() {
    sessions(3);

    Page<SessionView> page = service.forSubject("alice").list(Pagination.page(1, 2));

    assertThat(page.totalItems()).isEmpty();
    assertThat(page.totalPages()).isEmpty();
    assertThat(page.hasMore()).isTrue();
  }

  @Test
  void pagePastTheEndIsEmptyWithCorrectTotals() {
    sessions(3);

    Page<SessionView> page = service.forSubject("alice").list(Pagination.page(9, 2).withTotal());

    assertThat(page.items()).isEmpty();
    assertThat(page.totalItems()).hasValue(3);
    assertThat(page.totalPages()).hasValue(2);
    assertThat(page.nextCursor()).isEmpty();
  }

  @Test
  void offsetsUpToTheLargestLongAreEmptyPagesNotErrors() {
    sessions(3);
    SubjectSessions alice = service.forSubject("alice");

    for (Pagination far : List.of(
        Pagination.offset(Long.MAX_VALUE - 20, 20),
        Pagination.offset(Long.MAX_VALUE, 100),
        Pagination.offset(Long.MAX_VALUE - 1, 1).sortedBy(SortField.CREATED, SortDirection.ASCENDING),
        Pagination.offset(1024 - 19, 20),
        Pagination.page(Integer.MAX_VALUE, 100))) {
      Page<SessionView> page = alice.list(far.withTotal());

      assertThat(page.items()).as("%s", far).isEmpty();
      assertThat(page.nextCursor()).isEmpty();
      assertThat(page.totalItems()).hasValue(3);
    }
  }

  @Test
  void aLastPageThatIsExactlyFullHasNoNextCursor() {
    sessions(4);
    SubjectSessions alice = service.forSubject("alice");

    assertThat(alice.list(Pagination.first(4)).nextCursor()).isEmpty();
    assertThat(alice.list(Pagination.first(3)).nextCursor()).isPresent();
    Page<SessionView> firstTwo = alice.list(Pagination.first(2));
    assertThat(alice.list(Pagination.after(firstTwo.nextCursor().orElseThrow(), 2)).nextCursor()).isEmpty();
  }

  @Test
  void emptyListHasNoPages() {
    Page<SessionView> page = service.forSubject("nobody").list(Pagination.firstPage().withTotal());

    assertThat(page.items()).isEmpty();
    assertThat(page.totalItems()).hasValue(0);
    assertThat(page.totalPages()).hasValue(0);
  }

  @Test
  void exactlyTheCurrentSessionIsMarkedCurrent() {
    sessions(4);
    var mine = login("alice");

    Page<SessionView> page = service.forCurrent(mine.session()).list(Pagination.firstPage());

    assertThat(page.items()).filteredOn(SessionView::current).extracting(SessionView::id)
        .containsExactly(mine.session().id());
    assertThat(page.items()).hasSize(5);
    assertThat(service.forSubject("alice").list(Pagination.firstPage()).items())
        .noneMatch(SessionView::current);
  }

  @Test
  void pageSizeIsBoundedByThePolicy() {
    sessions(2);
    var strict = serviceWith(SessionPolicy.builder().idleTimeout(IDLE).maxPageSize(10).build());

    assertFails(ErrorCode.INVALID_ARGUMENT, () -> strict.forSubject("alice").list(Pagination.page(1, 11)));
    assertThat(strict.forSubject("alice").list(Pagination.page(1, 10)).itemCount()).isEqualTo(2);
    assertFails(ErrorCode.INVALID_ARGUMENT, () -> service.forSubject("alice").list(Pagination.offset(0, 101)));
  }

  @Test
  void outOfRangeInputIsInvalidArgument() {
    assertFails(ErrorCode.INVALID_ARGUMENT, () -> Pagination.page(0, 10));
    assertFails(ErrorCode.INVALID_ARGUMENT, () -> Pagination.page(1, 0));
    assertFails(ErrorCode.INVALID_ARGUMENT, () -> Pagination.page(-1, 10));
    assertFails(ErrorCode.INVALID_ARGUMENT, () -> Pagination.offset(-1, 10));
    assertFails(ErrorCode.INVALID_ARGUMENT, () -> Pagination.offset(0, -5));
    assertFails(ErrorCode.INVALID_ARGUMENT, () -> Pagination.after("not-a-cursor", 10));
    assertFails(ErrorCode.INVALID_ARGUMENT, () -> Pagination.after("", 10));
    assertFails(ErrorCode.INVALID_ARGUMENT, () -> Pagination.after(null, 10));
    assertFails(ErrorCode.INVALID_ARGUMENT, () -> Pagination.after("x".repeat(5000), 10));
    assertFails(ErrorCode.INVALID_ARGUMENT, () -> service.forSubject("alice").list(null));
  }

  @Test
  void cursorKeepsItsOrder() {
    sessions(4);
    Optional<String> cursor = service.forSubject("alice")
        .list(Pagination.first(2).sortedBy(SortField.CREATED, SortDirection.ASCENDING)).nextCursor();
    assertThat(cursor).isPresent();

    assertFails(ErrorCode.INVALID_ARGUMENT,
        () -> Pagination.after(cursor.get(), 2).sortedBy(SortField.EXPIRES, SortDirection.ASCENDING));
    assertThat(Pagination.after(cursor.get(), 2).sort()).isEqualTo(SortField.CREATED);
  }

  @Test
  void cursorOfARevokedSessionStillContinuesTheList() {
    sessions(6);
    SubjectSessions alice = service.forSubject("alice");
    List<Session> all = expected(SortField.CREATED, SortDirection.ASCENDING);
    Page<SessionView> first = alice.list(Pagination.first(3).sortedBy(SortField.CREATED, SortDirection.ASCENDING));
    SessionId last = first.items().get(2).id();
    alice.revoke(last.value());

    Page<SessionView> second = alice.list(Pagination.after(first.nextCursor().orElseThrow(), 3));

    assertThat(second.items()).extracting(SessionView::session).containsExactlyElementsOf(all.subList(3, 6));
  }

  @ParameterizedTest
  @EnumSource(SortDirection.class)
  void tiesAreBrokenByIdInTheListsOwnDirection(SortDirection direction) {
    for (int i = 0; i < 12; i++) {
      login("alice"); // same instant: every sort value ties
    }
    SubjectSessions alice = service.forSubject("alice");
    List<String> ids = new ArrayList<>();
    Page<SessionView> page = alice.list(Pagination.first(5).sortedBy(SortField.CREATED, direction));
    page.items().forEach(v -> ids.add(v.id().value()));
    while (page.nextCursor().isPresent()) {
      page = alice.list(Pagination.after(page.nextCursor().get(), 5));
      page.items().forEach(v -> ids.add(v.id().value()));
    }

    Comparator<String> byId =
        direction == SortDirection.ASCENDING ? Comparator.naturalOrder() : Comparator.reverseOrder();
    assertThat(ids).hasSize(12).doesNotHaveDuplicates().isSortedAccordingTo(byId);
  }
}
