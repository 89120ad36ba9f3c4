package dev.sessionkit.benchmarks;

import dev.sessionkit.redis.RedisInvalidationSource;
import dev.sessionkit.redis.RedisSessionStore;
import dev.sessionkit.spi.SessionStore;
import io.lettuce.core.RedisClient;

/** Our Redis store as an application sets it up, alone or behind the near-cache. */
final class RedisStores {
  private RedisStores() {}

  /**
   * Our store under a key prefix of its own, on a client of its own; closing the backend closes the
   * store (and the near-cache), deletes the run's keys and shuts the client down.
   *
   * @param nearCache whether {@code NearCacheSessionStore} fronts the store, fed by {@code
   *     RedisInvalidationSource} on the same client
   */
  static Backend open(BenchClock clock, boolean touchEveryUse, boolean nearCache) {
    RedisClient client = RedisServer.client();
    String name = RedisServer.uniqueName("skbench");
    String prefix = name + ":";
    SessionStore redis = RedisSessionStore.builder().client(client).keyPrefix(prefix).build();
    SessionStore store =
        nearCache
            ? NearCacheStores.over(
                redis, RedisInvalidationSource.builder().client(client).keyPrefix(prefix).build(), clock)
            : redis;
    return new SessionkitBackend(
        store,
        clock,
        touchEveryUse,
        () -> {
          store.close(); // the near-cache closes its source and the Redis store
          RedisServer.deleteKeys(client, name);
          client.shutdown();
        });
  }
}
