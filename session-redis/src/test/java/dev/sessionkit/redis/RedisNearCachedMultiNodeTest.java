package dev.sessionkit.redis;

import dev.sessionkit.caffeine.NearCacheSessionStore;
import dev.sessionkit.spi.SessionStore;
import dev.sessionkit.testkit.MultiNodeContract;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * The multi-node contract with a near-cache on each node, each fed by the change stream through its
 * own connection: {@link #awaitPropagation()} polls every node once, which is what the staleness
 * bound guarantees will have happened within it.
 */
class RedisNearCachedMultiNodeTest extends MultiNodeContract {
  private final Map<SessionStore, String> prefixes = new ConcurrentHashMap<>();

  /** @return the Redis to run on; the cluster leaf overrides it */
  RedisTarget target() {
    return TestRedis.STANDALONE;
  }
  private final List<NearCacheSessionStore> nearCaches = new CopyOnWriteArrayList<>();

  @Override
  public SessionStore newStore(Clock clock) {
    return node(TestRedis.freshPrefix(), clock);
  }

  @Override
  public SessionStore newNodeOf(SessionStore first, Clock clock) {
    return node(prefixes.get(first), clock);
  }

  private SessionStore node(String prefix, Clock clock) {
    NearCacheSessionStore store = NearCacheSessionStore.builder(target().store(prefix))
        .invalidationSource(target().source(prefix))
        .stalenessBound(Duration.ofHours(1)) // only awaitPropagation polls, so the checks are exact
        .clock(clock)
        .executor(Runnable::run)
        .build();
    prefixes.put(store, prefix);
    nearCaches.add(store);
    return store;
  }

  @Override
  protected void awaitPropagation() {
    for (NearCacheSessionStore node : nearCaches) {
      if (!node.syncNow()) {
        throw new AssertionError("a node could not read the change stream");
      }
    }
  }

  @Override
  public void closeNodes(List<SessionStore> nodes) throws Exception {
    super.closeNodes(nodes);
    target().deleteAll(prefixes.get(nodes.get(0)));
    nodes.forEach(prefixes::remove);
    nearCaches.removeAll(nodes);
  }
}
