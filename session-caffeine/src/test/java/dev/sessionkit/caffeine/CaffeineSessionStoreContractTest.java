package dev.sessionkit.caffeine;

import dev.sessionkit.testkit.SessionStoreContract;
import dev.sessionkit.spi.SessionStore;
import java.time.Clock;

/** The Caffeine store runs the whole store contract. */
class CaffeineSessionStoreContractTest extends SessionStoreContract {

  @Override
  public SessionStore newStore(Clock clock) {
    // Same-thread maintenance: evictions and expiries happen when the test expects them.
    return CaffeineSessionStore.builder().clock(clock).executor(Runnable::run).build();
  }
}
