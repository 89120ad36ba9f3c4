package dev.sessionkit.redis;

import dev.sessionkit.spi.SessionStore;
import dev.sessionkit.testkit.MultiNodeContract;
import java.time.Clock;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/** Two store instances, each its own connection, over one Redis and one key prefix. */
class RedisMultiNodeTest extends MultiNodeContract {
  private final Map<SessionStore, String> prefixes = new ConcurrentHashMap<>();

  /** @return the Redis to run on; the cluster leaf overrides it */
  RedisTarget target() {
    return TestRedis.STANDALONE;
  }

  @Override
  public SessionStore newStore(Clock clock) {
    String prefix = TestRedis.freshPrefix();
    RedisSessionStore store = target().store(prefix);
    prefixes.put(store, prefix);
    return store;
  }

  @Override
  public SessionStore newNodeOf(SessionStore first, Clock clock) {
    String prefix = prefixes.get(first);
    RedisSessionStore store = target().store(prefix);
    prefixes.put(store, prefix);
    return store;
  }

  @Override
  public void closeNodes(List<SessionStore> nodes) throws Exception {
    super.closeNodes(nodes);
    target().deleteAll(prefixes.get(nodes.get(0)));
    nodes.forEach(prefixes::remove);
  }
}
