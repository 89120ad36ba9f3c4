package dev.sessionkit;

import dev.sessionkit.testkit.ReferenceSessionStore;
import dev.sessionkit.testkit.SessionStoreContract;
import dev.sessionkit.spi.SessionStore;
import java.time.Clock;

/**
 * The contract on the reference store: the service's own logic (policy, tokens, ownership, events)
 * tested inside session-core, and the reference store checked against the same promises as the real
 * stores it stands model for.
 */
class ReferenceStoreContractTest extends SessionStoreContract {
  @Override
  public SessionStore newStore(Clock clock) {
    return new ReferenceSessionStore();
  }
}
