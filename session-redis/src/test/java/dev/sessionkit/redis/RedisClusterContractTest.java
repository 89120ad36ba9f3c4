package dev.sessionkit.redis;

/** The whole store contract on the Redis store over a Redis Cluster. */
class RedisClusterContractTest extends RedisSessionStoreContractTest {
  @Override
  RedisTarget target() {
    return TestRedisCluster.CLUSTER;
  }
}
