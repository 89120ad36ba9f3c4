package dev.sessionkit.caffeine;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.sessionkit.SessionId;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HashSet;
import java.util.Iterator;
import java.util.List;
import java.util.NoSuchElementException;
import java.util.Random;
import java.util.Set;
import org.junit.jupiter.api.Test;

class SessionIdSetTest {
  private final Random random = new Random(42);

  private SessionId randomId() {
    byte[] bytes = new byte[16];
    random.nextBytes(bytes);
    return SessionId.of(Base64.getUrlEncoder().withoutPadding().encodeToString(bytes));
  }

  @Test
  void capacityIsTheNextPowerOfTwoPackedThenAtMostThreeQuartersFull() {
    assertThat(List.of(0, 1, 2, 3, 4, 5, 8, 9, 12, 13, 24, 25, 10_000))
        .extracting(SessionIdSet::capacityFor)
        .containsExactly(0, 1, 2, 4, 4, 8, 8, 16, 16, 32, 32, 64, 16_384);
  }

  @Test
  void fourSessionsTakeFourSlots() {
    SessionIdSet set = new SessionIdSet();
    for (int i = 0; i < 4; i++) {
      assertThat(set.add(randomId())).isTrue();
    }
    assertThat(set.capacity()).isEqualTo(4);
    assertThat(set.size()).isEqualTo(4);
  }

  @Test
  void addsOnceAndRemovesOnly() {
    SessionIdSet set = new SessionIdSet();
    SessionId a = randomId();
    SessionId b = randomId();
    assertThat(set.isEmpty()).isTrue();
    assertThat(set.add(a)).isTrue();
    assertThat(set.add(SessionId.of(a.value()))).as("equal, not the same object").isFalse();
    assertThat(set.remove(b)).isFalse();
    assertThat(set.contains(a)).isTrue();
    assertThat(set.contains(b)).isFalse();
    assertThat(set.remove(a)).isTrue();
    assertThat(set.isEmpty()).isTrue();
    assertThat(set.contains(a)).isFalse();
  }

  /** Random adds and removes through every size band agree with a HashSet at every step. */
  @Test
  void agreesWithAHashSetThroughGrowthAndShrinking() {
    SessionIdSet set = new SessionIdSet();
    Set<SessionId> model = new HashSet<>();
    List<SessionId> known = new ArrayList<>();
    int largest = 0;
    for (int step = 0; step < 40_000; step++) {
      // Phases of growth then shrinking, so both directions cross the packed/hashed line.
      boolean growing = (step / 5_000) % 2 == 0;
      if (known.isEmpty() || random.nextInt(100) < (growing ? 70 : 25)) {
        SessionId id = known.isEmpty() || random.nextInt(10) > 0 ? randomId() : known.get(random.nextInt(known.size()));
        assertThat(set.add(id)).isEqualTo(model.add(id));
        known.add(id);
      } else {
        SessionId id = known.get(random.nextInt(known.size()));
        assertThat(set.remove(id)).isEqualTo(model.remove(id));
      }
      assertThat(set.size()).isEqualTo(model.size());
      largest = Math.max(largest, set.size());
      if (step % 97 == 0) {
        assertThat(set.toList()).containsExactlyInAnyOrderElementsOf(model);
        for (int i = 0; i < 20; i++) {
          SessionId probe = known.get(random.nextInt(known.size()));
          assertThat(set.contains(probe)).isEqualTo(model.contains(probe));
        }
        assertThat(set.capacity()).isLessThanOrEqualTo(Math.max(4, 4 * SessionIdSet.capacityFor(set.size())));
      }
    }
    assertThat(largest).isGreaterThan(1_000);
  }

  @Test
  void shrinksBackToPackedWhenMostIdsAreGone() {
    SessionIdSet set = new SessionIdSet();
    List<SessionId> ids = new ArrayList<>();
    for (int i = 0; i < 1_000; i++) {
      SessionId id = randomId();
      ids.add(id);
      set.add(id);
    }
    assertThat(set.capacity()).isEqualTo(2_048);
    for (SessionId id : ids.subList(2, ids.size())) {
      assertThat(set.remove(id)).isTrue();
    }
    assertThat(set.capacity()).isLessThanOrEqualTo(SessionIdSet.PACKED_MAX);
    assertThat(set.toList()).containsExactlyInAnyOrderElementsOf(ids.subList(0, 2));
  }

  @Test
  void aTableShrinksOnceAnEighthFullOrLess() {
    SessionIdSet set = new SessionIdSet();
    List<SessionId> ids = new ArrayList<>();
    for (int i = 0; i < 9; i++) {
      SessionId id = randomId();
      ids.add(id);
      set.add(id);
    }
    assertThat(set.capacity()).isEqualTo(16);
    for (int i = 0; i < 6; i++) {
      set.remove(ids.get(i));
    }
    assertThat(set.capacity()).as("3 of 16").isEqualTo(16);
    set.remove(ids.get(6));
    assertThat(set.capacity()).as("2 of 16: packed again").isEqualTo(2);
    assertThat(set.toList()).containsExactlyInAnyOrderElementsOf(ids.subList(7, 9));
  }

  @Test
  void iteratesEveryIdOnceAndThenStops() {
    SessionIdSet set = new SessionIdSet();
    Iterator<SessionId> empty = set.iterator();
    assertThat(empty.hasNext()).isFalse();
    assertThatThrownBy(empty::next).isInstanceOf(NoSuchElementException.class);

    Set<SessionId> added = new HashSet<>();
    for (int i = 0; i < 20; i++) {
      SessionId id = randomId();
      added.add(id);
      set.add(id);
    }
    List<SessionId> seen = new ArrayList<>();
    Iterator<SessionId> it = set.iterator();
    while (it.hasNext()) {
      seen.add(it.next());
    }
    assertThat(seen).containsExactlyInAnyOrderElementsOf(added);
    assertThatThrownBy(it::next).isInstanceOf(NoSuchElementException.class);
  }
}
