package dev.sessionkit.contract;

import dev.sessionkit.spi.SessionStore;
import java.time.Clock;

/** How the contract suite gets an empty store of the kind under test, and gives it back. */
public interface StoreFactory {

  /**
   * @param clock the clock that drives the test; the store must take all its time from it
   * @return an empty store
   */
  SessionStore newStore(Clock clock);

  /**
   * Releases what {@link #newStore} took (tables, pools); nothing by default.
   *
   * @param store a store made by {@link #newStore}
   * @throws Exception when releasing fails
   */
  default void closeStore(SessionStore store) throws Exception {}

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
