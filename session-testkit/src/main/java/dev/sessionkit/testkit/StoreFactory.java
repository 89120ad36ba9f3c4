package dev.sessionkit.testkit;

import dev.sessionkit.spi.SessionStore;
import java.time.Clock;
import java.util.List;

/** How the contract suite gets an empty store of the kind under test, and gives it back. */
public interface StoreFactory {

  /**
   * @param clock the clock that drives the test; the store must take all its time from it
   * @return an empty store
   */
  SessionStore newStore(Clock clock);

  /**
   * Releases what {@link #newStore} took: closes the store by default. A leaf that also made tables
   * or pools for the store overrides this, and calls {@code store.close()} too.
   *
   * @param store a store made by {@link #newStore}, perhaps closed already (closing is idempotent)
   * @throws Exception when releasing fails
   */
  default void closeStore(SessionStore store) throws Exception {
    store.close();
  }

  /**
   * Everything the store keeps, as values: for an in-memory store every string and byte array its
   * objects hold (the default walks them), for a database every column of every row. The secrets
   * contract looks through it for what must never be kept.
   *
   * @param store a store made by {@link #newStore}
   * @return strings, byte arrays and other column values
   * @throws Exception when reading fails
   */
  default List<Object> dump(SessionStore store) throws Exception {
    return HeldValues.of(store);
  }

  /** @return operations per thread in the concurrency tests; stores on remote databases may lower it */
  default int concurrencyOperationsPerThread() {
    return 300;
  }

  /**
   * @return rounds of the stress test (each a fresh workload on a fresh store, alternately without
   *     and with an evicting cap); stores on remote databases may lower it
   */
  default int stressRounds() {
    return 20;
  }
}
