package dev.sessionkit.redis;

import dev.sessionkit.SessionId;
import dev.sessionkit.spi.InvalidationListener;
import dev.sessionkit.spi.InvalidationSource;
import io.lettuce.core.Limit;
import io.lettuce.core.Range;
import io.lettuce.core.RedisClient;
import io.lettuce.core.RedisException;
import io.lettuce.core.StreamMessage;
import io.lettuce.core.api.StatefulRedisConnection;
import io.lettuce.core.api.sync.RedisCommands;
import io.lettuce.core.codec.ByteArrayCodec;
import io.lettuce.core.pubsub.RedisPubSubAdapter;
import io.lettuce.core.pubsub.StatefulRedisPubSubConnection;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.function.Supplier;
import org.jspecify.annotations.Nullable;

/**
 * The Redis store's change log ({@code <prefix>changes}, a stream every revoke, rotation, attribute
 * change and cap eviction appends to inside its script) as a near-cache's {@link InvalidationSource}.
 * Entries are numbered {@code <epoch>-1, <epoch>-2, ...} with no gap, the epoch being the server's
 * time when the stream began, so a poll that finds a gap after its position (the stream's MAXLEN
 * trimmed it away) or another epoch (the stream was lost and begun again) calls {@link
 * InvalidationListener#invalidateAll()}. {@link #onSignal} subscribes to the channel of the
 * same name, which every such script publishes to: polls come at once instead of on the next tick.
 */
public final class RedisInvalidationSource implements InvalidationSource {
  private final KeyLayout keys;
  private final int batchSize;
  private final @Nullable RedisClient ownedClient;
  private final RedisClient client;
  private final StatefulRedisConnection<byte[], byte[]> connection;
  private final RedisCommands<byte[], byte[]> commands;
  private @Nullable StatefulRedisPubSubConnection<byte[], byte[]> signals;
  /** The last entry delivered, or null until a read has found where the stream ends. */
  private @Nullable Position position;
  private volatile boolean closed;

  private RedisInvalidationSource(Builder b, RedisClient client, @Nullable RedisClient owned) {
    this.keys = new KeyLayout(b.keyPrefix);
    this.batchSize = b.batchSize;
    this.client = client;
    this.ownedClient = owned;
    try {
      this.connection = client.connect(ByteArrayCodec.INSTANCE);
    } catch (RedisException e) {
      if (owned != null) {
        owned.shutdown();
      }
      throw RedisFailure.unavailable(e, "connect");
    }
    connection.setTimeout(b.commandTimeout);
    this.commands = connection.sync();
    try {
      position = tail(); // changes from now on are delivered one by one
    } catch (RedisException unreachable) {
      position = null; // the first poll that reads says invalidateAll
    }
  }

  /** @return a builder; set a client or a URI, and the store's key prefix */
  public static Builder builder() {
    return new Builder();
  }

  @Override
  public void poll(InvalidationListener listener) {
    Position last = call(this::tail);
    if (position == null || last.epoch() != position.epoch()) {
      // Never read, or another stream than the one read last: it was lost (a restart without
      // persistence, a delete) and what it held cannot be vouched for. One exception: a source that
      // started before any stream existed reads the first stream from its beginning.
      boolean firstStream = position != null && position.epoch() == 0 && last.epoch() != 0;
      if (!firstStream) {
        listener.invalidateAll();
        position = last;
        return;
      }
      position = new Position(last.epoch(), 0);
    }
    while (position.sequence() < last.sequence()) {
      long epoch = position.epoch();
      long from = position.sequence() + 1;
      List<StreamMessage<byte[], byte[]>> batch = call(() -> commands.xrange(keys.changes(),
          Range.create(epoch + "-" + from, epoch + "-" + Long.MAX_VALUE), Limit.from(batchSize)));
      if (batch.isEmpty() || Position.of(batch.get(0).getId()).sequence() != from) {
        listener.invalidateAll(); // trimmed past our position
      }
      if (batch.isEmpty()) {
        position = last;
        return;
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
  }

  @Override
  public synchronized void onSignal(Runnable wakeUp) {
    Objects.requireNonNull(wakeUp, "wakeUp");
    if (signals != null || closed) {
      return;
    }
    try {
      StatefulRedisPubSubConnection<byte[], byte[]> pubSub = client.connectPubSub(ByteArrayCodec.INSTANCE);
      pubSub.addListener(new RedisPubSubAdapter<>() {
        @Override
        public void message(byte[] channel, byte[] message) {
          wakeUp.run();
        }
      });
      pubSub.async().subscribe(keys.changes());
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
    if (ownedClient != null) {
      ownedClient.shutdown();
    }
  }

  @Override
  public String toString() {
    return "RedisInvalidationSource[prefix=" + keys.prefix() + ", position=" + position + "]";
  }

  private Position tail() {
    List<StreamMessage<byte[], byte[]>> last =
        commands.xrevrange(keys.changes(), Range.create("-", "+"), Limit.from(1));
    return last.isEmpty() ? Position.NO_STREAM : Position.of(last.get(0).getId());
  }

  /**
   * Where a reader is: the stream's epoch (the server's time in ms when the scripts began it, 0 for
   * no stream) and the number of the last entry read.
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

  /** Settings of a {@link RedisInvalidationSource}: a client or a URI is required. */
  public static final class Builder {
    private final RedisEndpoint endpoint = new RedisEndpoint();
    private String keyPrefix = "sessionkit:";
    private Duration commandTimeout = Duration.ofSeconds(5);
    private int batchSize = 1000;

    private Builder() {}

    /**
     * @param redisClient the application's client; the source opens its own connections on it
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
     */
    public RedisInvalidationSource build() {
      return endpoint.open((client, owned) -> new RedisInvalidationSource(this, client, owned));
    }
  }
}
