package dev.sessionkit.redis;

/** The 16 change streams read through a Redis Cluster, and the one channel heard from every master. */
class RedisClusterInvalidationSourceTest extends RedisInvalidationSourceTest {
  @Override
  RedisTarget target() {
    return TestRedisCluster.CLUSTER;
  }
}
