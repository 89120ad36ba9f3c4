package dev.sessionkit.redis;

import io.lettuce.core.AbstractRedisClient;
import io.lettuce.core.RedisClient;
import io.lettuce.core.RedisException;
import io.lettuce.core.api.StatefulConnection;
import io.lettuce.core.api.StatefulRedisConnection;
import io.lettuce.core.cluster.RedisClusterClient;
import io.lettuce.core.cluster.api.StatefulRedisClusterConnection;
import io.lettuce.core.cluster.api.async.RedisClusterAsyncCommands;
import io.lettuce.core.cluster.api.sync.RedisClusterCommands;
import io.lettuce.core.codec.ByteArrayCodec;
import io.lettuce.core.pubsub.StatefulRedisPubSubConnection;
import java.time.Duration;
import java.util.function.Supplier;

/**
 * A client, standalone or cluster, and whether the object that uses it owns it. Only connecting
 * differs between the two: the store and the source talk through the command interfaces both
 * connections share, and Lettuce's cluster connection routes each command (a script by its first
 * key) to the node that serves the slot.
 */
final class RedisConnector {
  private final AbstractRedisClient client;
  private final boolean owned;
  private final Supplier<Connection> connect;
  private final Supplier<StatefulRedisPubSubConnection<byte[], byte[]>> connectPubSub;

  /** One connection through the interfaces standalone and cluster connections share. */
  record Connection(
      StatefulConnection<byte[], byte[]> stateful,
      RedisClusterCommands<byte[], byte[]> sync,
      RedisClusterAsyncCommands<byte[], byte[]> async) {}

  private RedisConnector(AbstractRedisClient client, boolean owned, Supplier<Connection> connect,
      Supplier<StatefulRedisPubSubConnection<byte[], byte[]>> connectPubSub) {
    this.client = client;
    this.owned = owned;
    this.connect = connect;
    this.connectPubSub = connectPubSub;
  }

  static RedisConnector standalone(RedisClient client, boolean owned) {
    return new RedisConnector(client, owned, () -> {
      StatefulRedisConnection<byte[], byte[]> c = client.connect(ByteArrayCodec.INSTANCE);
      return new Connection(c, c.sync(), c.async());
    }, () -> client.connectPubSub(ByteArrayCodec.INSTANCE));
  }

  static RedisConnector cluster(RedisClusterClient client, boolean owned) {
    return new RedisConnector(client, owned, () -> {
      StatefulRedisClusterConnection<byte[], byte[]> c = client.connect(ByteArrayCodec.INSTANCE);
      return new Connection(c, c.sync(), c.async());
    }, () -> client.connectPubSub(ByteArrayCodec.INSTANCE));
  }

  /**
   * Opens a connection whose calls wait at most {@code timeout}; on failure releases the client if
   * it is owned.
   *
   * @throws dev.sessionkit.SessionException {@code STORE_UNAVAILABLE} when Redis cannot be reached
   */
  Connection connect(Duration timeout) {
    try {
      Connection connection = connect.get();
      connection.stateful().setTimeout(timeout);
      return connection;
    } catch (RedisException e) {
      release();
      throw RedisFailure.unavailable(e, "connect");
    }
  }

  /** @return a pub/sub connection (a cluster's subscribes on one node and hears every node) */
  StatefulRedisPubSubConnection<byte[], byte[]> connectPubSub() {
    return connectPubSub.get();
  }

  /** Shuts the client down if it is owned; an application's client stays open. */
  void release() {
    if (owned) {
      client.shutdown();
    }
  }
}
