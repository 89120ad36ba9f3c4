package dev.sessionkit.redis;

import java.util.List;

/**
 * A Redis the tests run against, standalone ({@link TestRedis#STANDALONE}) or a cluster ({@link
 * TestRedisCluster#CLUSTER}): the leaves of the shared suites differ only in this.
 */
interface RedisTarget {
  /** @return a store builder on the target's shared client */
  RedisSessionStore.Builder storeBuilder();

  /** @return an invalidation source builder on the target's shared client */
  RedisInvalidationSource.Builder sourceBuilder();

  /** Deletes every key under the prefix, on every node. */
  void deleteAll(String prefix);

  /** @return every key, member, field and value under the prefix, as stored */
  List<Object> dump(String prefix);

  default RedisSessionStore store(String prefix) {
    return storeBuilder().keyPrefix(prefix).build();
  }

  default RedisInvalidationSource source(String prefix) {
    return sourceBuilder().keyPrefix(prefix).build();
  }
}
