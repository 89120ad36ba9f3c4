package dev.sessionkit.redis;

import dev.sessionkit.SessionId;
import dev.sessionkit.spi.InvalidationListener;
import dev.sessionkit.spi.InvalidationSource;
import io.lettuce.core.LettuceFutures;
import io.lettuce.core.Limit;
import io.lettuce.core.Range;
import io.lettuce.core.RedisClient;
import io.lettuce.core.RedisException;
import io.lettuce.core.RedisFuture;
import io.lettuce.core.StreamMessage;
import io.lettuce.core.api.StatefulConnection;
import io.lettuce.core.cluster.RedisClusterClient;
import io.lettuce.core.cluster.api.async.RedisClusterAsyncCommands;
import io.lettuce.core.cluster.api.sync.RedisClusterCommands;
import io.lettuce.core.pubsub.RedisPubSubAdapter;
import io.lettuce.core.pubsub.StatefulRedisPubSubConnection;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;
import org.jspecify.annotations.Nullable;

/**
 * The Redis store's change log as a near-cache's {@link InvalidationSource}: one stream per slot tag
 * ({@code <prefix>{<tag>}changes}, 16 of them), which every revoke, rotation, attribute change and
 * cap eviction of that tag's subjects appends to inside its script. Entries of each stream are
 * numbered {@code <epoch>-1, <epoch>-2, ...} with no gap, the epoch being the server's time when the
 * stream began, so a poll that finds a gap after its position in a stream (its MAXLEN trimmed it
 * away) or another epoch (the stream was lost and begun again) calls {@link
 * InvalidationListener#invalidateAll()}. A poll reads the 16 streams' last entries in one pipelined
 * round trip, then only the streams that moved. {@link #onSignal} subscribes to the one channel
 * {@code <prefix>changes}, which every such script publishes to: polls come at once instead of on
 * the next tick.
 */
public final class RedisInvalidationSource implements InvalidationSource {
  private final KeyLayout keys;
  private final int batchSize;
  private final Duration commandTimeout;
  private final RedisConnector connector;
  private final StatefulConnection<byte[], byte[]> connection;
  private final RedisClusterCommands<byte[], byte[]> commands;
  private final RedisClusterAsyncCommands<byte[], byte[]> async;
  private @Nullable StatefulRedisPubSubConnection<byte[], byte[]> signals;
  /** Per tag, the last entry delivered; null until a read has found where the streams end. */
  private Position @Nullable [] positions;
  private volatile boolean closed;

  private RedisInvalidationSource(Builder b, RedisConnector connector) {
    this.keys = new KeyLayout(b.keyPrefix);
    this.batchSize = b.batchSize;
    this.commandTimeout = b.commandTimeout;
    this.connector = connector;
    RedisConnector.Connection opened = connector.connect(b.commandTimeout);
    this.connection = opened.stateful();
    this.commands = opened.sync();
    this.async = opened.async();
    try {
      positions = tails(); // changes from now on are delivered one by one
    } catch (RedisException unreachable) {
      positions = null; // the first poll that reads says invalidateAll
    }
  }

  /** @return a builder; set a client or URIs, and the store's key prefix */
  public static Builder builder() {
    return new Builder();
  }

  @Override
  public void poll(InvalidationListener listener) {
    Position[] last = call(this::tails);
    if (positions == null) {
      listener.invalidateAll(); // never read: nothing to go on
      positions = last;
      return;
    }
    for (int tag = 0; tag < SlotTags.COUNT; tag++) {
      if (!last[tag].equals(positions[tag])) {
        positions[tag] = follow(tag, positions[tag], last[tag], listener);
      }
    }
  }

  /** Delivers one stream's entries from {@code position} to {@code last}; returns the new position. */
  private Position follow(int tag, Position position, Position last, InvalidationListener listener) {
    if (last.epoch() != position.epoch()) {
      // Another stream than the one read last: it was lost (a restart without persistence, a delete)
      // and what it held cannot be vouched for. One exception: a source that started before this
      // stream existed reads the first stream from its beginning.
      if (position.epoch() != 0 || last.epoch() == 0) {
        listener.invalidateAll();
        return last;
      }
      position = new Position(last.epoch(), 0);
    }
    byte[] stream = keys.changes(tag);
    while (position.sequence() < last.sequence()) {
      long epoch = position.epoch();
      long from = position.sequence() + 1;
      List<StreamMessage<byte[], byte[]>> batch = call(() -> commands.xrange(stream,
          Range.create(epoch + "-" + from, epoch + "-" + Long.MAX_VALUE), Limit.from(batchSize)));
      if (batch.isEmpty() || Position.of(batch.get(0).getId()).sequence() != from) {
        listener.invalidateAll(); // trimmed past our position
      }
      if (batch.isEmpty()) {
        return last;
      }
      for (StreamMessage<byte[], byte[]> entry : batch) {
        Optional<SessionId> id = changedId(entry);
        if (id.isPresent()) {
          listener.invalidate(id.get());
        } else {
          listener.invalidateAll(); // not written by the store: fail safe
        }
        position = Position.of(entry.getId());
      }
    }
    return position;
  }

  @Override
  public synchronized void onSignal(Runnable wakeUp) {
    Objects.requireNonNull(wakeUp, "wakeUp");
    if (signals != null || closed) {
      return;
    }
    try {
      StatefulRedisPubSubConnection<byte[], byte[]> pubSub = connector.connectPubSub();
      pubSub.addListener(new RedisPubSubAdapter<>() {
        @Override
        public void message(byte[] channel, byte[] message) {
          wakeUp.run();
        }
      });
      pubSub.async().subscribe(keys.channel());
      signals = pubSub;
    } catch (RedisException unreachable) {
      // Signals only speed polls up; the staleness bound holds without them.
    }
  }

  @Override
  public synchronized void close() {
    if (closed) {
      return;
    }
    closed = true;
    if (signals != null) {
      signals.close();
    }
    connection.close();
    connector.release();
  }

  @Override
  public String toString() {
    return "RedisInvalidationSource[prefix=" + keys.prefix() + "]";
  }

  /** The last entry of every tag's stream: 16 XREVRANGEs sent at once, one round trip per node. */
  private Position[] tails() {
    List<RedisFuture<List<StreamMessage<byte[], byte[]>>>> replies = new ArrayList<>(SlotTags.COUNT);
    for (int tag = 0; tag < SlotTags.COUNT; tag++) {
      replies.add(async.xrevrange(keys.changes(tag), Range.create("-", "+"), Limit.from(1)));
    }
    Position[] tails = new Position[SlotTags.COUNT];
    for (int tag = 0; tag < SlotTags.COUNT; tag++) {
      List<StreamMessage<byte[], byte[]>> last = LettuceFutures.awaitOrCancel(
          replies.get(tag), commandTimeout.toNanos(), TimeUnit.NANOSECONDS);
      tails[tag] = last.isEmpty() ? Position.NO_STREAM : Position.of(last.get(0).getId());
    }
    return tails;
  }

  /**
   * Where a reader is in one stream: its epoch (the server's time in ms when the scripts began it,
   * 0 for no stream) and the number of the last entry read.
   */
  private record Position(long epoch, long sequence) {
    static final Position NO_STREAM = new Position(0, 0);

    static Position of(String entryId) {
      int dash = entryId.indexOf('-');
      return new Position(Long.parseLong(entryId.substring(0, dash)), Long.parseLong(entryId.substring(dash + 1)));
    }
  }

  private static Optional<SessionId> changedId(StreamMessage<byte[], byte[]> entry) {
    for (var field : entry.getBody().entrySet()) {
      if (field.getKey().length == 1 && field.getKey()[0] == 'i') {
        return SessionId.tryParse(new String(field.getValue(), StandardCharsets.UTF_8));
      }
    }
    return Optional.empty();
  }

  private <T> T call(Supplier<T> command) {
    if (closed) {
      throw new IllegalStateException("the Redis invalidation source is closed");
    }
    try {
      return command.get();
    } catch (RedisException e) {
      throw RedisFailure.unavailable(e, "poll");
    }
  }

  /** Settings of a {@link RedisInvalidationSource}: a client or URIs, standalone or cluster, are required. */
  public static final class Builder {
    private final RedisEndpoint endpoint = new RedisEndpoint();
    private String keyPrefix = "sessionkit:";
    private Duration commandTimeout = Duration.ofSeconds(5);
    private int batchSize = 1000;

    private Builder() {}

    /**
     * @param redisClient the application's client of a standalone Redis; the source opens its own
     *     connections on it
     * @return this builder
     */
    public Builder client(RedisClient redisClient) {
      endpoint.client(redisClient);
      return this;
    }

    /**
     * @param redisUri where Redis is; the source makes a client and shuts it down when it closes
     * @return this builder
     */
    public Builder uri(String redisUri) {
      endpoint.uri(redisUri);
      return this;
    }

    /**
     * @param redisClusterClient the application's Redis Cluster client; the source opens its own
     *     connections on it
     * @return this builder
     */
    public Builder clusterClient(RedisClusterClient redisClusterClient) {
      endpoint.clusterClient(redisClusterClient);
      return this;
    }

    /**
     * @param seedUris some nodes of a Redis Cluster; the source makes a cluster client and shuts it
     *     down when it closes
     * @return this builder
     */
    public Builder clusterUris(List<String> seedUris) {
      endpoint.clusterUris(seedUris);
      return this;
    }

    /**
     * @param prefix the store's key prefix (the same as {@link RedisSessionStore.Builder#keyPrefix})
     * @return this builder
     */
    public Builder keyPrefix(String prefix) {
      this.keyPrefix = new KeyLayout(prefix).prefix();
      return this;
    }

    /**
     * @param timeout how long one read may wait; default 5 s
     * @return this builder
     */
    public Builder commandTimeout(Duration timeout) {
      this.commandTimeout = RedisEndpoint.positive(timeout, "commandTimeout");
      return this;
    }

    /**
     * @param entries how many entries one read fetches; default 1,000
     * @return this builder
     */
    public Builder batchSize(int entries) {
      if (entries < 1) {
        throw new IllegalArgumentException("batchSize must be at least 1");
      }
      this.batchSize = entries;
      return this;
    }

    /**
     * Connects and reads the log's end: changes after it are delivered one by one.
     *
     * @return the source
     * @throws IllegalStateException when no client and no URI was set
     * @throws dev.sessionkit.SessionException {@code STORE_UNAVAILABLE} when Redis cannot be reached
     */
    public RedisInvalidationSource build() {
      return endpoint.open(connector -> new RedisInvalidationSource(this, connector));
    }
  }
}
