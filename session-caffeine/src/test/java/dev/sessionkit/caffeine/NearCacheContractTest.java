package dev.sessionkit.caffeine;

import dev.sessionkit.spi.SessionStore;
import dev.sessionkit.testkit.SessionStoreContract;
import java.time.Clock;

/** The near-cache passes the whole store contract in front of the reference store. */
class NearCacheContractTest extends SessionStoreContract {

  @Override
  public SessionStore newStore(Clock clock) {
    LoggedBackend backend = new LoggedBackend();
    return NearCacheSessionStore.builder(backend.node())
        .invalidationSource(backend.source())
        .clock(clock)
        .executor(Runnable::run)
        .build();
  }
}
