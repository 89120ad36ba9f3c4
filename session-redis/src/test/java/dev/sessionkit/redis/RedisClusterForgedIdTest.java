package dev.sessionkit.redis;

/** Forged ids on a Redis Cluster, where another tag is another slot and often another master. */
class RedisClusterForgedIdTest extends RedisForgedIdTest {
  @Override
  RedisTarget target() {
    return TestRedisCluster.CLUSTER;
  }
}
