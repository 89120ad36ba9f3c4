package dev.sessionkit.redis;

import dev.sessionkit.ErrorCode;
import dev.sessionkit.OverflowStrategy;
import dev.sessionkit.Session;
import dev.sessionkit.SessionException;
import dev.sessionkit.SessionId;
import dev.sessionkit.SortDirection;
import dev.sessionkit.spi.AttributeUpdate;
import dev.sessionkit.spi.CreateOutcome;
import dev.sessionkit.spi.KeysetPosition;
import dev.sessionkit.spi.SessionQuery;
import dev.sessionkit.spi.SessionStore;
import dev.sessionkit.spi.StoredSession;
import dev.sessionkit.spi.SubjectCap;
import io.lettuce.core.Range;
import io.lettuce.core.RedisClient;
import io.lettuce.core.RedisException;
import io.lettuce.core.ScriptOutputType;
import io.lettuce.core.api.StatefulConnection;
import io.lettuce.core.cluster.RedisClusterClient;
import io.lettuce.core.cluster.api.sync.RedisClusterCommands;
import io.lettuce.core.codec.ByteArrayCodec;
import io.lettuce.core.protocol.CommandArgs;
import io.lettuce.core.protocol.CommandType;
import java.security.SecureRandom;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Supplier;
import org.jspecify.annotations.Nullable;

/**
 * The session store on Redis, shared by every node: a hash per session, a sorted set per subject
 * (its index, scored by each session's deadline), and one Lua script per operation that must be
 * atomic. The index cannot leak: every write to a subject drops its dead members, and {@link
 * #purgeExpired} deletes expired sessions with their index entries; no keyspace notification is
 * needed. Keys and scripts are described in the module's README.
 *
 * <p>The same keys and scripts serve a standalone Redis and a Redis Cluster: {@link #newId} puts the
 * subject's slot tag (one of 16) into the id's first character, so that a subject's sessions, its
 * index and its tag's due set and change stream share one hash slot, and findById still reads one
 * key. An id whose tag is not its subject's (forged, or made by another store) is never found under
 * that subject.
 *
 * <p>{@link #close()} closes the store's connection, and the client too when the store made it from
 * a URI; a {@link RedisClient} or {@link RedisClusterClient} handed in stays the application's. Every Redis failure, a timeout
 * included, is a {@link SessionException} with {@link ErrorCode#STORE_UNAVAILABLE}.
 */
public final class RedisSessionStore implements SessionStore {
  private static final byte[] ONE = {'1'};
  private static final byte[] ZERO = {'0'};
  private static final byte[] NONE = {};

  private final KeyLayout keys;
  private final RedisConnector connector;
  private final StatefulConnection<byte[], byte[]> connection;
  private final RedisClusterCommands<byte[], byte[]> commands;
  private final byte[] retention;
  private final byte[] streamMaxLength;
  /** The tag whose due set the next purge reads first: each purge starts one further. */
  private final AtomicInteger purgeStart = new AtomicInteger();
  private volatile boolean closed;

  private RedisSessionStore(Builder b, RedisConnector connector) {
    this.keys = new KeyLayout(b.keyPrefix);
    this.connector = connector;
    this.retention = SessionCodec.number(b.expiredRetention.toMillis());
    this.streamMaxLength = SessionCodec.number(b.changeLogLength);
    RedisConnector.Connection opened = connector.connect(b.commandTimeout);
    this.connection = opened.stateful();
    this.commands = opened.sync();
  }

  /** @return a builder; set a client or a URI */
  public static Builder builder() {
    return new Builder();
  }

  /**
   * An id of 124 random bits whose first character names the subject's slot tag (the other 2 of its
   * 6 bits are random too).
   */
  @Override
  public SessionId newId(String subject, SecureRandom random) {
    return SlotTags.newId(subject, random);
  }

  /**
   * @throws SessionException {@code INVALID_ARGUMENT} when the id's tag is not the subject's: the id
   *     was not made by {@link #newId} for this subject, and the session would be unreachable
   */
  @Override
  public CreateOutcome create(StoredSession stored, SubjectCap cap, Instant now) {
    Session s = stored.session();
    int tag = SlotTags.ofSubject(s.subject());
    if (SlotTags.ofId(s.id().value()) != tag) {
      throw new SessionException(ErrorCode.INVALID_ARGUMENT,
          "the session id was not made by this store's newId for its subject");
    }
    List<byte[]> args = args(tag);
    args.add(millis(now));
    args.add(SessionCodec.number(cap.maxSessions()));
    args.add(cap.strategy() == OverflowStrategy.REJECT_NEW ? ONE : ZERO);
    args.add(retention);
    args.add(SessionCodec.text(s.subject()));
    args.add(SessionCodec.text(s.id().value()));
    args.add(millis(s.effectiveExpiresAt()));
    args.addAll(SessionCodec.fields(stored));
    List<Object> answer = call("create", () -> Script.CREATE.run(commands, ScriptOutputType.MULTI,
        new byte[][] {keys.session(s.id().value()), keys.index(tag, s.subject())}, args));
    long code = (Long) answer.get(0);
    if (code < 0) {
      throw new SessionException(ErrorCode.INTERNAL_ERROR, "session id collision");
    }
    if (code == 0) {
      return CreateOutcome.refused();
    }
    return CreateOutcome.created(sessions((List<?>) answer.get(1)));
  }

  @Override
  public @Nullable StoredSession findById(SessionId id) {
    // HGETALL read straight from the reply's buffers: no map, no array per field name
    SessionCodec.Hash hash = call("findById", () -> commands.dispatch(CommandType.HGETALL,
        new SessionCodec.HashOutput(), new CommandArgs<>(ByteArrayCodec.INSTANCE).addKey(keys.session(id.value()))));
    return hash.decode(id);
  }

  @Override
  public Optional<Session> touch(SessionId id, Instant now, Instant idleExpiresAt) {
    List<byte[]> args = args(id);
    args.add(millis(now));
    args.add(millis(idleExpiresAt));
    args.add(retention);
    return one(id, "touch", Script.TOUCH, args);
  }

  @Override
  public Optional<Session> rotate(
      SessionId id, byte[] expectedHash, byte[] newHash, Instant now, Instant idleExpiresAt) {
    List<byte[]> args = args(id);
    args.add(millis(now));
    args.add(millis(idleExpiresAt));
    args.add(retention);
    args.add(expectedHash.clone());
    args.add(newHash.clone());
    return one(id, "rotate", Script.ROTATE, args);
  }

  private Optional<Session> one(SessionId id, String operation, Script script, List<byte[]> args) {
    List<Object> hash = call(operation, () -> script.run(commands, ScriptOutputType.MULTI,
        new byte[][] {keys.session(id.value())}, args));
    StoredSession stored = SessionCodec.decode(id, hash, 0);
    return stored == null ? Optional.empty() : Optional.of(stored.session());
  }

  @Override
  public AttributeUpdate updateAttributes(
      String subject, SessionId id, long expectedVersion, Map<String, String> attributes, Instant now) {
    int tag = SlotTags.ofSubject(subject);
    if (SlotTags.ofId(id.value()) != tag) {
      return AttributeUpdate.notFound(); // not an id of this subject's: never another subject's session
    }
    List<byte[]> args = args(tag);
    args.add(SessionCodec.text(subject));
    args.add(millis(now));
    args.add(SessionCodec.number(expectedVersion));
    args.addAll(SessionCodec.chunks("a", SessionCodec.attributes(attributes)));
    List<Object> answer = call("updateAttributes", () -> Script.ATTRIBUTES.run(commands,
        ScriptOutputType.MULTI, new byte[][] {keys.session(id.value())}, args));
    long code = (Long) answer.get(0);
    if (code == 0) {
      return AttributeUpdate.notFound();
    }
    if (code == 1) {
      return AttributeUpdate.conflict((Long) answer.get(1));
    }
    StoredSession stored = Objects.requireNonNull(SessionCodec.decode(id, (List<?>) answer.get(1), 0));
    return AttributeUpdate.updated(stored.session());
  }

  @Override
  public List<Session> list(SessionQuery query) {
    int tag = SlotTags.ofSubject(query.subject());
    List<byte[]> args = args(tag);
    args.add(millis(query.now()));
    args.add(switch (query.sort()) {
      case LAST_ACCESSED -> new byte[] {'l'};
      case CREATED -> new byte[] {'c'};
      case EXPIRES -> new byte[] {'e'};
    });
    args.add(query.direction() == SortDirection.DESCENDING ? ONE : ZERO);
    args.add(SessionCodec.number(query.offset()));
    args.add(SessionCodec.number(query.limit()));
    KeysetPosition after = query.after();
    if (after != null) {
      args.add(millis(after.sortValue()));
      args.add(SessionCodec.text(after.id().value()));
    }
    List<Object> page = call("list", () -> Script.LIST.run(commands, ScriptOutputType.MULTI,
        new byte[][] {keys.index(tag, query.subject())}, args));
    return sessions(page);
  }

  @Override
  public long count(String subject, Instant now) {
    // Scores are whole milliseconds: above now is from now + 1 on.
    return call("count", () -> commands.zcount(keys.index(subject),
        Range.create(now.toEpochMilli() + 1, Long.MAX_VALUE)));
  }

  @Override
  public List<Session> revoke(String subject, Collection<SessionId> ids) {
    int tag = SlotTags.ofSubject(subject);
    List<byte[]> args = args(tag);
    args.add(SessionCodec.text(subject));
    for (SessionId id : ids) {
      if (SlotTags.ofId(id.value()) == tag) { // another tag's id is never this subject's
        args.add(SessionCodec.text(id.value()));
      }
    }
    List<Object> removed = call("revoke", () -> Script.REVOKE.run(commands, ScriptOutputType.MULTI,
        new byte[][] {keys.index(tag, subject)}, args));
    return sessions(removed);
  }

  @Override
  public List<Session> revokeAll(String subject, @Nullable SessionId keep) {
    int tag = SlotTags.ofSubject(subject);
    List<byte[]> args = args(tag);
    args.add(SessionCodec.text(subject));
    args.add(keep == null ? NONE : SessionCodec.text(keep.value()));
    List<Object> removed = call("revokeAll", () -> Script.REVOKE_ALL.run(commands,
        ScriptOutputType.MULTI, new byte[][] {keys.index(tag, subject)}, args));
    return sessions(removed);
  }

  @Override
  public int purgeExpired(Instant now, int batchSize) {
    if (batchSize < 1) {
      throw new IllegalArgumentException("batchSize must be at least 1");
    }
    // Each tag has its own due set (its own slot): walk them, one script each, until the batch is
    // spent. Starting one tag further each time keeps a tag with a long backlog from starving the rest.
    int start = Math.floorMod(purgeStart.getAndIncrement(), SlotTags.COUNT);
    int deleted = 0;
    for (int n = 0; n < SlotTags.COUNT && deleted < batchSize; n++) {
      int tag = (start + n) % SlotTags.COUNT;
      List<byte[]> args = args(tag);
      args.add(millis(now));
      args.add(SessionCodec.number(batchSize - deleted));
      Long count = call("purgeExpired", () -> Script.PURGE.run(commands, ScriptOutputType.INTEGER,
          new byte[][] {keys.due(tag)}, args));
      deleted += count.intValue();
    }
    return deleted;
  }

  @Override
  public void close() {
    if (closed) {
      return;
    }
    closed = true;
    connection.close();
    connector.release();
  }

  @Override
  public String toString() {
    return "RedisSessionStore[prefix=" + keys.prefix() + (closed ? ", closed]" : "]");
  }

  /** @return the first script arguments every script takes: the tag's key prefix, the MAXLEN */
  private List<byte[]> args(int tag) {
    List<byte[]> args = new ArrayList<>();
    args.add(keys.slotPrefix(tag));
    args.add(streamMaxLength);
    return args;
  }

  private List<byte[]> args(SessionId id) {
    return args(SlotTags.ofId(id.value()));
  }

  private static byte[] millis(Instant instant) {
    return SessionCodec.number(instant.toEpochMilli());
  }

  private static List<Session> sessions(List<?> snapshots) {
    List<Session> out = new ArrayList<>(snapshots.size());
    for (Object snapshot : snapshots) {
      out.add(SessionCodec.decodeSnapshot((List<?>) snapshot));
    }
    return out;
  }

  private <T> T call(String operation, Supplier<T> command) {
    if (closed) {
      throw new IllegalStateException("the Redis session store is closed");
    }
    try {
      return command.get();
    } catch (RedisException e) {
      throw RedisFailure.unavailable(e, operation);
    }
  }

  /** Settings of a {@link RedisSessionStore}: a client or URIs, standalone or cluster, are required. */
  public static final class Builder {
    private final RedisEndpoint endpoint = new RedisEndpoint();
    private String keyPrefix = "sessionkit:";
    private Duration commandTimeout = Duration.ofSeconds(5);
    private Duration expiredRetention = Duration.ofHours(1);
    private long changeLogLength = 100_000;

    private Builder() {}

    /**
     * @param redisClient the application's client of a standalone Redis; the store opens its own
     *     connection on it and leaves the client open when it closes
     * @return this builder
     */
    public Builder client(RedisClient redisClient) {
      endpoint.client(redisClient);
      return this;
    }

    /**
     * @param redisUri where Redis is, e.g. {@code redis://127.0.0.1:6379}; the store makes a client
     *     and shuts it down when it closes
     * @return this builder
     */
    public Builder uri(String redisUri) {
      endpoint.uri(redisUri);
      return this;
    }

    /**
     * @param redisClusterClient the application's Redis Cluster client; the store opens its own
     *     connection on it and leaves the client open when it closes. Its topology refresh is the
     *     application's to set: enable the adaptive triggers, so failovers are followed at once
     * @return this builder
     */
    public Builder clusterClient(RedisClusterClient redisClusterClient) {
      endpoint.clusterClient(redisClusterClient);
      return this;
    }

    /**
     * @param seedUris some nodes of a Redis Cluster, e.g. {@code redis://10.0.0.1:6379}; the store
     *     makes a cluster client (topology refreshed on every adaptive trigger and each minute) and
     *     shuts it down when it closes
     * @return this builder
     */
    public Builder clusterUris(List<String> seedUris) {
      endpoint.clusterUris(seedUris);
      return this;
    }

    /**
     * @param prefix what every key starts with, 1 to 64 of {@code A-Z a-z 0-9 . _ : -}; default
     *     {@code sessionkit:}
     * @return this builder
     */
    public Builder keyPrefix(String prefix) {
      this.keyPrefix = new KeyLayout(prefix).prefix();
      return this;
    }

    /**
     * @param timeout how long one call may wait for Redis before it fails with {@code
     *     STORE_UNAVAILABLE}; default 5 s
     * @return this builder
     */
    public Builder commandTimeout(Duration timeout) {
      this.commandTimeout = RedisEndpoint.positive(timeout, "commandTimeout");
      return this;
    }

    /**
     * @param retention how long past its deadline an unpurged session's key stays, so that a late
     *     token reads as expired rather than unknown; default 1 hour
     * @return this builder
     */
    public Builder expiredRetention(Duration retention) {
      this.expiredRetention = RedisEndpoint.positive(retention, "expiredRetention");
      return this;
    }

    /**
     * @param length about how many entries the change stream keeps (XADD MAXLEN ~); default 100,000
     * @return this builder
     */
    public Builder changeLogLength(long length) {
      if (length < 1) {
        throw new IllegalArgumentException("changeLogLength must be at least 1");
      }
      this.changeLogLength = length;
      return this;
    }

    /**
     * Connects.
     *
     * @return the store
     * @throws IllegalStateException when no client and no URI was set
     * @throws SessionException {@code STORE_UNAVAILABLE} when Redis cannot be reached
     */
    public RedisSessionStore build() {
      return endpoint.open(connector -> new RedisSessionStore(this, connector));
    }
  }
}
