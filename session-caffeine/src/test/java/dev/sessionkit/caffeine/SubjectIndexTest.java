package dev.sessionkit.caffeine;

import static org.assertj.core.api.Assertions.assertThat;

import dev.sessionkit.SessionId;
import org.junit.jupiter.api.Test;

class SubjectIndexTest {
  private static final SessionId A = SessionId.of("AAAAAAAAAAAAAAAAAAAAAA");
  private static final SessionId B = SessionId.of("BBBBBBBBBBBBBBBBBBBBBA");
  private static final SessionId C = SessionId.of("CCCCCCCCCCCCCCCCCCCCCA");

  @Test
  void queuedRemovalsWaitForTheLockHolderAndAllApply() {
    SubjectIndex index = new SubjectIndex();
    index.ids.add(A);
    index.ids.add(B);
    index.ids.add(C);
    assertThat(index.hasPendingRemovals()).isFalse();

    index.removeLater(A);
    index.removeLater(C);

    assertThat(index.hasPendingRemovals()).isTrue();
    assertThat(index.ids.size()).as("nothing changes without the lock").isEqualTo(3);
    index.applyPendingRemovals();
    assertThat(index.hasPendingRemovals()).isFalse();
    assertThat(index.ids.toList()).containsExactly(B);
    index.applyPendingRemovals();
    assertThat(index.ids.toList()).containsExactly(B);
  }
}
