package dev.sessionkit.redis;

import dev.sessionkit.caffeine.NearCacheSessionStore;
import dev.sessionkit.spi.SessionStore;
import dev.sessionkit.testkit.SessionStoreContract;
import java.time.Clock;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/** The whole store contract on the near-cache in front of the Redis store, fed by its change stream. */
class RedisNearCachedContractTest extends SessionStoreContract {
  private final Map<SessionStore, String> prefixes = new ConcurrentHashMap<>();

  /** @return the Redis to run on; the cluster leaf overrides it */
  RedisTarget target() {
    return TestRedis.STANDALONE;
  }

  @Override
  public SessionStore newStore(Clock clock) {
    String prefix = TestRedis.freshPrefix();
    NearCacheSessionStore store = NearCacheSessionStore.builder(target().store(prefix))
        .invalidationSource(target().source(prefix))
        .clock(clock)
        .executor(Runnable::run)
        .build();
    prefixes.put(store, prefix);
    return store;
  }

  @Override
  public void closeStore(SessionStore store) {
    store.close();
    target().deleteAll(prefixes.remove(store));
  }

  @Override
  public List<Object> dump(SessionStore store) {
    return target().dump(prefixes.get(store));
  }

  /** Fewer stress rounds than in memory, as for the JDBC stores: every round is a real server's. */
  @Override
  public int stressRounds() {
    return 6;
  }
}
