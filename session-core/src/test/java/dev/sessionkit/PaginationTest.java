package dev.sessionkit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import dev.sessionkit.internal.CursorCodec;
import java.util.List;
import java.util.Optional;
import java.util.OptionalLong;
import org.junit.jupiter.api.Test;

class PaginationTest {

  @Test
  void pageFormTurnsIntoAnOffset() {
    Pagination p = Pagination.page(3, 25);

    assertThat(p.offset()).isEqualTo(50);
    assertThat(p.limit()).isEqualTo(25);
    assertThat(p.sort()).isEqualTo(SortField.LAST_ACCESSED);
    assertThat(p.direction()).isEqualTo(SortDirection.DESCENDING);
    assertThat(p.includesTotal()).isFalse();
    assertThat(p.isCursor()).isFalse();
  }

  @Test
  void largePageNumbersDoNotOverflow() {
    assertThat(Pagination.page(Integer.MAX_VALUE, 100).offset()).isEqualTo((Integer.MAX_VALUE - 1L) * 100);
  }

  @Test
  void sortAndTotalsAreCopiedNotMutated() {
    Pagination base = Pagination.offset(10, 5);
    Pagination sorted = base.sortedBy(SortField.CREATED, SortDirection.ASCENDING).withTotal();

    assertThat(base.sort()).isEqualTo(SortField.LAST_ACCESSED);
    assertThat(base.includesTotal()).isFalse();
    assertThat(sorted.sort()).isEqualTo(SortField.CREATED);
    assertThat(sorted.direction()).isEqualTo(SortDirection.ASCENDING);
    assertThat(sorted.includesTotal()).isTrue();
    assertThat(sorted.offset()).isEqualTo(10);
  }

  @Test
  void cursorCarriesItsSort() {
    String cursor = CursorCodec.encode(SortField.EXPIRES.name(), SortDirection.ASCENDING.name(), 42L, "A".repeat(22));

    Pagination p = Pagination.after(cursor, 7);

    assertThat(p.isCursor()).isTrue();
    assertThat(p.sort()).isEqualTo(SortField.EXPIRES);
    assertThat(p.direction()).isEqualTo(SortDirection.ASCENDING);
    assertThat(p.sortedBy(SortField.EXPIRES, SortDirection.ASCENDING).isCursor()).isTrue();
  }

  @Test
  void cursorsFromOtherVersionsOrWithBadPartsAreRejected() {
    String badSort = CursorCodec.encode("SIDEWAYS", "ASCENDING", 1L, "A".repeat(22));
    String badDirection = CursorCodec.encode("CREATED", "UPWARDS", 1L, "A".repeat(22));
    String lowerCaseSort = CursorCodec.encode("created", "ASCENDING", 1L, "A".repeat(22));
    String numericDirection = CursorCodec.encode("CREATED", "1", 1L, "A".repeat(22));
    for (String cursor : List.of(badSort, badDirection, lowerCaseSort, numericDirection,
        "MnwwfDB8MXxBQUFB", ordinalCursorOfVersionOne(), "%%%", "a|b")) {
      SessionException e = catchThrowableOfType(SessionException.class, () -> Pagination.after(cursor, 5));
      assertThat(e.code()).isEqualTo(ErrorCode.INVALID_ARGUMENT);
    }
  }

  /** Version 1 encoded enum ordinals, whose meaning a reordered enum would change: refused. */
  private static String ordinalCursorOfVersionOne() {
    return java.util.Base64.getUrlEncoder().withoutPadding().encodeToString(
        ("1|0|0|1|" + "A".repeat(22)).getBytes(java.nio.charset.StandardCharsets.US_ASCII));
  }

  @Test
  void cursorNamesAreUpperCaseLettersAndUnderscoresUpTo32() {
    String id = "A".repeat(22);
    assertThat(CursorCodec.decode(CursorCodec.encode("A".repeat(32), "DESCENDING", 1L, id))).isPresent();
    assertThat(CursorCodec.decode(CursorCodec.encode("LAST_ACCESSED", "ASCENDING", 1L, id))).isPresent();
    for (String bad : List.of("A".repeat(33), "", "LAST-ACCESSED", "Created", "CREATED1", "@", "[")) {
      assertThat(CursorCodec.decode(CursorCodec.encode(bad, "ASCENDING", 1L, id))).as("sort named %s", bad).isEmpty();
      assertThat(CursorCodec.decode(CursorCodec.encode("CREATED", bad, 1L, id))).as("direction named %s", bad).isEmpty();
    }
  }

  @Test
  void cursorsNameTheirSortSoReorderedEnumsKeepTheirMeaning() {
    String cursor = CursorCodec.encode(SortField.EXPIRES.name(), SortDirection.DESCENDING.name(), 42L, "A".repeat(22));
    String raw = new String(java.util.Base64.getUrlDecoder().decode(cursor), java.nio.charset.StandardCharsets.US_ASCII);
    assertThat(raw).isEqualTo("2|EXPIRES|DESCENDING|42|" + "A".repeat(22));
  }

  @Test
  void aCursorPageNeedsAPositiveSize() {
    String cursor = CursorCodec.encode("CREATED", "ASCENDING", 1L, "A".repeat(22));
    assertThat(Pagination.after(cursor, 1).limit()).isEqualTo(1);
    for (int size : new int[] {0, -1}) {
      assertThat(catchThrowableOfType(SessionException.class, () -> Pagination.after(cursor, size)).code())
          .isEqualTo(ErrorCode.INVALID_ARGUMENT);
    }
  }

  @Test
  void paginationsDescribeThemselves() {
    assertThat(Pagination.page(2, 10).withTotal().toString())
        .isEqualTo("Pagination[offset=10, limit=10, sort=LAST_ACCESSED DESCENDING, withTotal]");
    assertThat(Pagination.after(CursorCodec.encode(SortField.CREATED.name(), SortDirection.ASCENDING.name(), 1L, "A".repeat(22)), 5).toString())
        .isEqualTo("Pagination[cursor, limit=5, sort=CREATED ASCENDING]");
  }

  @Test
  void cursorCodecRoundTrips() {
    String id = "abcdefghijklmnopqrstuA";
    assertThat(CursorCodec.decode(CursorCodec.encode("EXPIRES", "ASCENDING", -5L, id)))
        .contains(new CursorCodec.Position("EXPIRES", "ASCENDING", -5L, id));
    assertThat(CursorCodec.decode(CursorCodec.encode("EXPIRES", "ASCENDING", 5L, "short"))).isEmpty();
  }

  @Test
  void pageEnvelopeArithmetic() {
    Page<String> page = new Page<>(List.of("a", "b"), 2, OptionalLong.of(4), OptionalLong.of(5), Optional.of("c"));

    assertThat(page.itemCount()).isEqualTo(2);
    assertThat(page.perPage()).isEqualTo(2);
    assertThat(page.pageNumber()).hasValue(3);
    assertThat(page.totalPages()).hasValue(3);
    assertThat(page.hasMore()).isTrue();
    assertThat(page.map(String::toUpperCase).items()).containsExactly("A", "B");
    assertThat(new Page<>(List.of(), 3, OptionalLong.of(4), OptionalLong.empty(), Optional.empty()).pageNumber())
        .isEmpty();
    // The largest page number an int holds, and one past it.
    long lastIntPage = (long) (Integer.MAX_VALUE - 1) * 10;
    assertThat(new Page<>(List.of(), 10, OptionalLong.of(lastIntPage), OptionalLong.empty(), Optional.empty()).pageNumber())
        .hasValue(Integer.MAX_VALUE);
    assertThat(new Page<>(List.of(), 10, OptionalLong.of(lastIntPage + 10), OptionalLong.empty(), Optional.empty()).pageNumber())
        .isEmpty();
  }
}
