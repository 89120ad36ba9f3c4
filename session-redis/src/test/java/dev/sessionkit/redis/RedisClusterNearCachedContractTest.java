package dev.sessionkit.redis;

/** The whole store contract on the near-cache in front of the Redis store over a Redis Cluster, fed by the 16 change streams. */
class RedisClusterNearCachedContractTest extends RedisNearCachedContractTest {
  @Override
  RedisTarget target() {
    return TestRedisCluster.CLUSTER;
  }
}
