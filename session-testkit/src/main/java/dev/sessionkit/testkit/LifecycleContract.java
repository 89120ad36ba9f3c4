package dev.sessionkit.testkit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;

import dev.sessionkit.IssuedSession;
import dev.sessionkit.spi.SessionStore;
import org.junit.jupiter.api.Test;

/**
 * A store's lifecycle: closing is idempotent, a closed store never answers with a session, and the
 * size estimate, where a store gives one, counts what it holds.
 */
public abstract class LifecycleContract extends ContractFixture {

  @Test
  void closingTwiceIsHarmless() throws Exception {
    SessionStore other = stores().newStore(clock);
    try {
      assertThatCode(() -> {
        other.close();
        other.close();
      }).doesNotThrowAnyException();
    } finally {
      stores().closeStore(other);
    }
  }

  @Test
  void aClosedStoreNeverValidatesASession() throws Exception {
    IssuedSession issued = login("alice");
    store.close();

    boolean valid;
    try {
      valid = service.validate(issued.token().value()).isValid();
    } catch (RuntimeException failedClosed) {
      valid = false; // failing is closed too: the request is refused
    }
    assertThat(valid).as("a closed store must not keep validating tokens").isFalse();
  }

  @Test
  void theSizeEstimateIsUnknownOrCountsTheSessionsHeld() {
    long empty = store.estimatedSize();
    for (int i = 0; i < 3; i++) {
      login("alice");
    }
    login("bob");

    long estimate = store.estimatedSize();
    if (empty == -1) {
      assertThat(estimate).as("a store that cannot tell says so every time").isEqualTo(-1);
    } else {
      assertThat(empty).isZero();
      assertThat(estimate).isEqualTo(4);
    }
  }
}
