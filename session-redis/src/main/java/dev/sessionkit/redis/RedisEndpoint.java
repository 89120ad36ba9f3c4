package dev.sessionkit.redis;

import io.lettuce.core.RedisClient;
import io.lettuce.core.RedisURI;
import io.lettuce.core.cluster.ClusterClientOptions;
import io.lettuce.core.cluster.ClusterTopologyRefreshOptions;
import io.lettuce.core.cluster.RedisClusterClient;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.function.Function;
import org.jspecify.annotations.Nullable;

/**
 * Where a store or an invalidation source connects, as both builders take it: the application's
 * {@link RedisClient} or {@link RedisClusterClient} (left open at close), or the URI of a standalone
 * Redis or the seed URIs of a cluster, for which the built object makes a client of its own (shut
 * down at close). The last one set wins.
 */
final class RedisEndpoint {
  /**
   * How an owned cluster client follows the topology: every adaptive trigger (a MOVED or ASK
   * redirect, persistent reconnects, an uncovered slot, an unknown node) refreshes at once, so a
   * failover or a resharding costs a few redirected calls rather than failures until the next
   * periodic refresh; at most one adaptive refresh per 30 s, so a storm of redirects does not become
   * a storm of CLUSTER NODES; and a periodic refresh every minute as a backstop for changes that
   * trigger nothing (a node added before any key moves to it).
   */
  static final ClusterTopologyRefreshOptions TOPOLOGY_REFRESH = ClusterTopologyRefreshOptions.builder()
      .enableAllAdaptiveRefreshTriggers()
      .adaptiveRefreshTriggersTimeout(Duration.ofSeconds(30))
      .enablePeriodicRefresh(Duration.ofMinutes(1))
      .build();

  private @Nullable RedisClient client;
  private @Nullable RedisClusterClient clusterClient;
  private @Nullable RedisURI uri;
  private @Nullable List<RedisURI> clusterUris;

  void client(RedisClient redisClient) {
    Objects.requireNonNull(redisClient, "client");
    clear();
    client = redisClient;
  }

  void clusterClient(RedisClusterClient redisClusterClient) {
    Objects.requireNonNull(redisClusterClient, "clusterClient");
    clear();
    clusterClient = redisClusterClient;
  }

  void uri(String redisUri) {
    RedisURI parsed = parse(redisUri, "uri");
    clear();
    uri = parsed;
  }

  void clusterUris(List<String> seedUris) {
    Objects.requireNonNull(seedUris, "clusterUris");
    if (seedUris.isEmpty()) {
      throw new IllegalArgumentException("clusterUris must name at least one node");
    }
    List<RedisURI> parsed = new ArrayList<>();
    for (String seed : seedUris) {
      parsed.add(parse(seed, "clusterUris"));
    }
    clear();
    clusterUris = List.copyOf(parsed);
  }

  /**
   * @param make builds the object from the connector; it must {@link RedisConnector#release()} it
   *     when it fails
   * @throws IllegalStateException when no client and no URI was set
   */
  <T> T open(Function<RedisConnector, T> make) {
    if (client != null) {
      return make.apply(RedisConnector.standalone(client, false));
    }
    if (clusterClient != null) {
      return make.apply(RedisConnector.cluster(clusterClient, false));
    }
    if (uri != null) {
      return make.apply(RedisConnector.standalone(RedisClient.create(uri), true));
    }
    if (clusterUris != null) {
      RedisClusterClient owned = RedisClusterClient.create(clusterUris);
      owned.setOptions(ClusterClientOptions.builder().topologyRefreshOptions(TOPOLOGY_REFRESH).build());
      return make.apply(RedisConnector.cluster(owned, true));
    }
    throw new IllegalStateException("set a RedisClient, a RedisClusterClient or a URI");
  }

  private void clear() {
    client = null;
    clusterClient = null;
    uri = null;
    clusterUris = null;
  }

  private static RedisURI parse(String text, String name) {
    Objects.requireNonNull(text, name);
    try {
      return RedisURI.create(text);
    } catch (IllegalArgumentException e) {
      throw new IllegalArgumentException("not a Redis URI"); // the text may hold a password
    }
  }

  static Duration positive(Duration value, String name) {
    Objects.requireNonNull(value, name);
    if (value.isNegative() || value.isZero()) {
      throw new IllegalArgumentException(name + " must be positive");
    }
    return value;
  }
}
