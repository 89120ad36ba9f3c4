package dev.sessionkit;

import dev.sessionkit.spi.ForwardingSessionStore;
import dev.sessionkit.spi.SessionStore;
import dev.sessionkit.testkit.MultiNodeContract;
import dev.sessionkit.testkit.ReferenceSessionStore;
import java.time.Clock;

/**
 * The multi-node contract on the reference store, its second node a forwarding view of the first's
 * data: checks the contract itself (and the service across nodes) inside session-core.
 */
class ReferenceStoreMultiNodeTest extends MultiNodeContract {
  @Override
  public SessionStore newStore(Clock clock) {
    return new ReferenceSessionStore();
  }

  @Override
  public SessionStore newNodeOf(SessionStore first, Clock clock) {
    return new ForwardingSessionStore(first) {};
  }
}
