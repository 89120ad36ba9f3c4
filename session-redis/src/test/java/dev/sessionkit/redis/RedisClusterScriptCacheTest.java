package dev.sessionkit.redis;

import io.lettuce.core.cluster.api.StatefulRedisClusterConnection;
import io.lettuce.core.cluster.models.partitions.RedisClusterNode;

/** The EVAL fallback on a Redis Cluster: each master reloads the scripts on its first NOSCRIPT. */
class RedisClusterScriptCacheTest extends RedisScriptCacheTest {
  @Override
  RedisTarget target() {
    return TestRedisCluster.CLUSTER;
  }

  @Override
  void flushScripts() {
    try (StatefulRedisClusterConnection<byte[], byte[]> admin = TestRedisCluster.connect()) {
      for (RedisClusterNode node : TestRedisCluster.client().getPartitions()) {
        admin.getConnection(node.getNodeId()).sync().scriptFlush();
      }
    }
  }
}
