package dev.sessionkit.redis;

/** Two store instances, each its own cluster connection, over one Redis Cluster and one key prefix. */
class RedisClusterMultiNodeTest extends RedisMultiNodeTest {
  @Override
  RedisTarget target() {
    return TestRedisCluster.CLUSTER;
  }
}
