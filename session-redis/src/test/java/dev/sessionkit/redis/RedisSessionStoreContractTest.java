package dev.sessionkit.redis;

import dev.sessionkit.spi.SessionStore;
import dev.sessionkit.testkit.SessionStoreContract;
import java.time.Clock;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/** The whole store contract on the Redis store, a fresh key prefix per test. */
class RedisSessionStoreContractTest extends SessionStoreContract {
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
