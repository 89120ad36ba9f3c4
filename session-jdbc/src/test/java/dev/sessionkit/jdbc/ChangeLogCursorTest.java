package dev.sessionkit.jdbc;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The position logic alone: contiguous advances, remembered reads, holes timed from the read above them. */
class ChangeLogCursorTest {
  private static final Instant T0 = Instant.parse("2026-01-01T00:00:00Z");
  private static final Duration GAP = Duration.ofSeconds(30);

  @Test
  void aStartCountsTheLoggedRowsAboveThePositionAsRead() {
    ChangeLogCursor cursor = new ChangeLogCursor(10, List.of(9L, 10L, 11L, 13L), T0);
    assertThat(cursor.position()).isEqualTo(10);
    assertThat(cursor.readAbove()).containsExactly(11L, 13L);
    assertThat(cursor.firstRead(11, T0)).isFalse();
    assertThat(cursor.firstRead(10, T0)).isFalse();
    assertThat(cursor.firstRead(12, T0)).isTrue();
    assertThat(cursor.firstRead(12, T0)).isFalse();
    assertThat(cursor.advance(T0, GAP)).isFalse();
    assertThat(cursor.position()).isEqualTo(13);
    assertThat(cursor.readAbove()).isEmpty();
  }

  @Test
  void thePositionStopsBelowAHoleUntilItIsOlderThanTheGapTimeout() {
    ChangeLogCursor cursor = new ChangeLogCursor(0, List.of(), T0);
    cursor.firstRead(1, T0);
    cursor.firstRead(3, T0);
    cursor.firstRead(4, T0.plusSeconds(10));
    cursor.firstRead(7, T0.plusSeconds(20));
    assertThat(cursor.advance(T0.plus(GAP), GAP)).isFalse();
    assertThat(cursor.position()).isEqualTo(1);

    assertThat(cursor.advance(T0.plus(GAP).plusMillis(1), GAP)).isTrue();
    assertThat(cursor.position()).as("over the old hole at 2, not the younger one at 5-6").isEqualTo(4);
    assertThat(cursor.readAbove()).containsExactly(7L);

    assertThat(cursor.firstRead(5, T0.plusSeconds(40))).isTrue();
    assertThat(cursor.advance(T0.plusSeconds(40), GAP)).isFalse();
    assertThat(cursor.position()).isEqualTo(5);
    assertThat(cursor.advance(T0.plusSeconds(50).plusMillis(1), GAP)).isTrue();
    assertThat(cursor.position()).isEqualTo(7);
    assertThat(cursor.firstRead(6, T0.plusSeconds(60))).as("settled: passed over").isFalse();
  }
}
