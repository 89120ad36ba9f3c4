package dev.sessionkit.caffeine;

import dev.sessionkit.spi.SessionStore;
import dev.sessionkit.testkit.MultiNodeContract;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;

/**
 * Two near-caches over one logged backend run the multi-node contract: what one node changes, the
 * other stops serving once it has read the log ({@link #awaitPropagation()} polls both, as the bound
 * would within a second).
 */
class NearCacheMultiNodeTest extends MultiNodeContract {
  private final Map<SessionStore, LoggedBackend> backends = new IdentityHashMap<>();
  private final List<NearCacheSessionStore> nodes = new ArrayList<>();

  private NearCacheSessionStore node(LoggedBackend backend, Clock clock) {
    NearCacheSessionStore node = NearCacheSessionStore.builder(backend.node())
        .invalidationSource(backend.source())
        .stalenessBound(Duration.ofHours(1)) // only awaitPropagation polls
        .clock(clock)
        .executor(Runnable::run)
        .build();
    backends.put(node, backend);
    nodes.add(node);
    return node;
  }

  @Override
  public SessionStore newStore(Clock clock) {
    return node(new LoggedBackend(), clock);
  }

  @Override
  public SessionStore newNodeOf(SessionStore first, Clock clock) {
    return node(backends.get(first), clock);
  }

  @Override
  protected void awaitPropagation() {
    nodes.forEach(NearCacheSessionStore::syncNow);
  }
}
