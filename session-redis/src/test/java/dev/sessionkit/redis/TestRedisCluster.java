package dev.sessionkit.redis;

import io.lettuce.core.RedisException;
import io.lettuce.core.RedisURI;
import io.lettuce.core.cluster.ClusterClientOptions;
import io.lettuce.core.cluster.RedisClusterClient;
import io.lettuce.core.cluster.api.StatefulRedisClusterConnection;
import io.lettuce.core.codec.ByteArrayCodec;
import java.util.ArrayList;
import java.util.List;

/**
 * The Redis Cluster the cluster tests use: the three masters .ci/start-redis-cluster starts on
 * 127.0.0.1:7001-7003, unless SESSIONKIT_REDIS_CLUSTER_URL or -Dsessionkit.redis.cluster.url (seed
 * URIs separated by commas) says otherwise. One client per test JVM; tests isolate by key prefix as
 * on the standalone Redis, and delete what they wrote on every master (SCAN through the cluster
 * connection walks all of them). When no cluster answers the tests fail, naming the script; they
 * never skip.
 */
final class TestRedisCluster {
  static final String URL = System.getProperty("sessionkit.redis.cluster.url",
      System.getenv().getOrDefault("SESSIONKIT_REDIS_CLUSTER_URL",
          "redis://127.0.0.1:7001,redis://127.0.0.1:7002,redis://127.0.0.1:7003"));
  private static RedisClusterClient client;

  /** The cluster as a target of the shared suites. */
  static final RedisTarget CLUSTER = new RedisTarget() {
    @Override
    public RedisSessionStore.Builder storeBuilder() {
      return RedisSessionStore.builder().clusterClient(client());
    }

    @Override
    public RedisInvalidationSource.Builder sourceBuilder() {
      return RedisInvalidationSource.builder().clusterClient(client());
    }

    @Override
    public void deleteAll(String prefix) {
      try (StatefulRedisClusterConnection<byte[], byte[]> c = connect()) {
        TestRedis.deleteAll(c.sync(), prefix);
      }
    }

    @Override
    public List<Object> dump(String prefix) {
      try (StatefulRedisClusterConnection<byte[], byte[]> c = connect()) {
        return TestRedis.dump(c.sync(), prefix);
      }
    }
  };

  private TestRedisCluster() {}

  /** @return the seed URIs of {@link #URL} */
  static List<String> seeds() {
    return List.of(URL.split(","));
  }

  /**
   * @return the shared cluster client, its topology read
   * @throws AssertionError when no cluster answers at {@link #URL}
   */
  static synchronized RedisClusterClient client() {
    if (client == null) {
      List<RedisURI> uris = new ArrayList<>();
      for (String seed : seeds()) {
        uris.add(RedisURI.create(seed.trim()));
      }
      RedisClusterClient made = RedisClusterClient.create(uris);
      made.setOptions(ClusterClientOptions.builder()
          .topologyRefreshOptions(RedisEndpoint.TOPOLOGY_REFRESH).build());
      try {
        made.getPartitions();
      } catch (RedisException e) {
        made.shutdown();
        throw new AssertionError("no Redis Cluster answers at " + URL
            + ": start the local one with .ci/start-redis-cluster (or point SESSIONKIT_REDIS_CLUSTER_URL"
            + " or -Dsessionkit.redis.cluster.url at one)", e);
      }
      client = made;
    }
    return client;
  }

  /** @return a connection of the test's own, through the cluster */
  static StatefulRedisClusterConnection<byte[], byte[]> connect() {
    return client().connect(ByteArrayCodec.INSTANCE);
  }
}
