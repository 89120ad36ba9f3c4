package dev.sessionkit.redis;

/** The multi-node contract with a near-cache on each node over a Redis Cluster. */
class RedisClusterNearCachedMultiNodeTest extends RedisNearCachedMultiNodeTest {
  @Override
  RedisTarget target() {
    return TestRedisCluster.CLUSTER;
  }
}
