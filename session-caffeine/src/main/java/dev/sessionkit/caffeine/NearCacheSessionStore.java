package dev.sessionkit.caffeine;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import com.github.benmanes.caffeine.cache.Policy;
import dev.sessionkit.Session;
import dev.sessionkit.SessionId;
import dev.sessionkit.TokenIdKey;
import dev.sessionkit.spi.AttributeUpdate;
import dev.sessionkit.spi.CreateOutcome;
import dev.sessionkit.spi.ForwardingSessionStore;
import dev.sessionkit.spi.InvalidationListener;
import dev.sessionkit.spi.InvalidationSource;
import dev.sessionkit.spi.SessionStore;
import dev.sessionkit.spi.StoredSession;
import dev.sessionkit.spi.SubjectCap;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.Executor;
import java.util.concurrent.ForkJoinPool;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import org.jspecify.annotations.Nullable;

/**
 * A near-cache in front of any {@link SessionStore}: validations of known sessions are answered from
 * this node's memory, with no I/O, while a revoke, rotation or attribute change made on any node stops
 * being served here within a stated bound, even when messages are lost.
 *
 * <pre>{@code
 * SessionStore shared = JdbcSessionStore.builder().dataSource(pool).build();
 * SessionStore store = NearCacheSessionStore.builder(shared)
 *     .invalidationSource(JdbcInvalidationSource.builder().dataSource(pool).build())
 *     .stalenessBound(Duration.ofSeconds(1))
 *     .build();
 * }</pre>
 *
 * <p>What it promises:
 *
 * <ul>
 *   <li>On this node, a change is seen at once: writes go to the delegate first, then update or drop
 *       the local copy.
 *   <li>On other nodes, a change is seen as soon as their source delivers it (at once where the
 *       backend signals, as PostgreSQL's {@code NOTIFY} does) and never later than the staleness
 *       bound: a copy is served only while this node's last completed poll of the source started
 *       within the bound, and the source is a durable, ordered log, so a poll catches up on whatever
 *       a lost signal or a dropped connection missed. While the source cannot be read, every lookup
 *       reads through to the delegate (and fails with it when the backend is down).
 *   <li>A session created on another node is never hidden: a miss always asks the delegate. Unknown
 *       ids are remembered for at most the bound so that a flood of one bad token stops here; an id is
 *       unknown only before its session exists, and ids are 128 random bits that no one can present
 *       before they are issued.
 *   <li>A load that read the backend before an invalidation and finishes after it does not put the
 *       stale copy back (see {@link Generations}).
 *   <li>A copy whose idle deadline has passed is read again (another node may have touched it), and a
 *       secret that does not match a copy is checked against the delegate ({@link #findFresh}), so a
 *       rotation elsewhere never rejects the new token.
 * </ul>
 *
 * Lists, counts, creates and revokes always go to the delegate; touches too, at most once per touch
 * interval as the service throttles them, and their result refreshes the copy.
 */
public final class NearCacheSessionStore extends ForwardingSessionStore {
  private static final Boolean UNKNOWN = Boolean.TRUE;

  private final Cache<SessionId, StoredSession> copies;
  /** The copies' policy, for quiet reads by keys equal to a {@link SessionId} (a {@link TokenIdKey}). */
  private final Policy<Object, StoredSession> lookups;
  private final Cache<SessionId, Boolean> unknownIds;
  private final Generations generations = new Generations();
  private final Clock clock;
  private final InvalidationSync sync;
  private final AtomicBoolean closed = new AtomicBoolean();

  private NearCacheSessionStore(Builder b, InvalidationSource source) {
    super(b.delegate);
    this.clock = b.clock;
    this.copies = Caffeine.newBuilder().maximumSize(b.maximumSize).executor(b.executor).build();
    @SuppressWarnings("unchecked") // reads only: Caffeine passes the key to ConcurrentHashMap.get
    Policy<Object, StoredSession> policy = (Policy<Object, StoredSession>) (Policy<?, ?>) copies.policy();
    this.lookups = policy;
    this.unknownIds =
        Caffeine.newBuilder()
            .maximumSize(b.unknownIdsMaximumSize)
            .expireAfterWrite(b.stalenessBound)
            .ticker(() -> TimeUnit.MILLISECONDS.toNanos(b.clock.millis()))
            .executor(b.executor)
            .build();
    this.sync = new InvalidationSync(source, new Invalidations(), clock, b.stalenessBound);
  }

  /**
   * Starts a builder.
   *
   * @param delegate the store every node shares
   * @return a builder with at most 100,000 copies, a one-second staleness bound and the system clock
   */
  public static Builder builder(SessionStore delegate) {
    return new Builder(delegate);
  }

  /** Where the source delivers: drop copies, bumping the generation first. */
  private final class Invalidations implements InvalidationListener {
    @Override
    public void invalidate(SessionId id) {
      drop(id);
    }

    @Override
    public void invalidateAll() {
      generations.bumpAll();
      copies.invalidateAll();
      unknownIds.invalidateAll();
    }
  }

  private void drop(SessionId id) {
    generations.bump(id);
    copies.invalidate(id);
  }

  @Override
  public @Nullable StoredSession findById(SessionId id) {
    StoredSession copy = copies.policy().getIfPresentQuietly(id);
    if (copy != null && servable(copy)) {
      return copy;
    }
    if (copy == null && unknownIds.getIfPresent(id) != null && sync.servable(clock.millis())) {
      return null;
    }
    return load(id);
  }

  /**
   * The hot path: a hit is answered by the key that views the token's id characters, so it makes no
   * {@link SessionId} (see {@link CaffeineStore#findByTokenId}); a miss makes one and loads.
   */
  @Override
  public @Nullable StoredSession findByTokenId(TokenIdKey key) {
    StoredSession copy = lookups.getIfPresentQuietly(key);
    if (copy != null && servable(copy)) {
      return copy;
    }
    return findById(key.toSessionId());
  }

  /** A copy is served while the source was read within the bound and its idle deadline is ahead. */
  private boolean servable(StoredSession copy) {
    long now = clock.millis();
    return sync.servable(now) && now < copy.session().idleExpiresAt().toEpochMilli();
  }

  private @Nullable StoredSession load(SessionId id) {
    long generation = generations.of(id);
    StoredSession loaded = super.findById(id);
    if (loaded == null) {
      copies.invalidate(id);
      unknownIds.put(id, UNKNOWN);
      return null;
    }
    keep(id, generation, loaded);
    return loaded;
  }

  /** Caches {@code fresh} unless an invalidation of its id came since {@code generation} was read. */
  private void keep(SessionId id, long generation, StoredSession fresh) {
    copies.asMap().compute(id, (k, old) -> generations.unchanged(id, generation) ? fresh : old);
  }

  @Override
  public @Nullable StoredSession findFresh(SessionId id, StoredSession seen) {
    drop(id);
    return load(id);
  }

  @Override
  public CreateOutcome create(StoredSession session, SubjectCap cap, Instant now) {
    SessionId id = session.session().id();
    long generation = generations.of(id);
    CreateOutcome outcome = super.create(session, cap, now);
    for (Session evicted : outcome.evicted()) {
      drop(evicted.id());
    }
    if (outcome.created()) {
      unknownIds.invalidate(id);
      keep(id, generation, session);
    }
    return outcome;
  }

  @Override
  public Optional<Session> touch(SessionId id, Instant now, Instant idleExpiresAt) {
    long generation = generations.of(id);
    Optional<Session> touched = super.touch(id, now, idleExpiresAt);
    if (touched.isPresent()) {
      Session session = touched.get();
      // Refresh only a copy of the same version: a rotation or attribute change elsewhere (a newer
      // version) must be read whole, hash included, so that copy is dropped instead.
      copies.asMap().computeIfPresent(id, (k, old) ->
          !generations.unchanged(id, generation) ? old
              : old.session().version() == session.version() ? new StoredSession(session, old.secretHash())
              : null);
    } else {
      drop(id);
    }
    return touched;
  }

  @Override
  public Optional<Session> rotate(
      SessionId id, byte[] expectedHash, byte[] newHash, Instant now, Instant idleExpiresAt) {
    try {
      return super.rotate(id, expectedHash, newHash, now, idleExpiresAt);
    } finally {
      drop(id);
    }
  }

  @Override
  public AttributeUpdate updateAttributes(
      String subject, SessionId id, long expectedVersion, Map<String, String> attributes, Instant now) {
    try {
      return super.updateAttributes(subject, id, expectedVersion, attributes, now);
    } finally {
      drop(id);
    }
  }

  @Override
  public List<Session> revoke(String subject, Collection<SessionId> ids) {
    try {
      return super.revoke(subject, ids);
    } finally {
      ids.forEach(this::drop);
    }
  }

  @Override
  public List<Session> revokeAll(String subject, @Nullable SessionId keep) {
    List<Session> removed = super.revokeAll(subject, keep);
    for (Session s : removed) {
      drop(s.id());
    }
    return removed;
  }

  /**
   * Reads the invalidation source now, on the calling thread, and returns when the poll has ended:
   * afterwards no copy older than the changes committed before this call is served. For tests and
   * for operators who want a node in step at once (after a restore, say).
   *
   * @return whether the source could be read
   */
  public boolean syncNow() {
    return sync.pollNow();
  }

  /** @return how many copies this node holds (an estimate, for gauges) */
  public long estimatedCopies() {
    return copies.estimatedSize();
  }

  /**
   * Stops polling, closes the invalidation source, drops every copy and closes the delegate.
   * Idempotent.
   */
  @Override
  public void close() {
    if (closed.compareAndSet(false, true)) {
      try {
        sync.close();
      } finally {
        copies.invalidateAll();
        unknownIds.invalidateAll();
        super.close();
      }
    }
  }

  /** Configures the near-cache; setters validate at once. */
  public static final class Builder {
    private final SessionStore delegate;
    private @Nullable InvalidationSource source;
    private long maximumSize = 100_000;
    private long unknownIdsMaximumSize = 10_000;
    private Duration stalenessBound = Duration.ofSeconds(1);
    private Clock clock = Clock.systemUTC();
    private Executor executor = ForkJoinPool.commonPool();

    private Builder(SessionStore delegate) {
      this.delegate = Objects.requireNonNull(delegate, "delegate");
    }

    /**
     * Where this node learns what other nodes changed; required. The near-cache owns it from then on
     * and closes it.
     *
     * @param invalidationSource the source over the delegate's backend
     * @return this builder
     */
    public Builder invalidationSource(InvalidationSource invalidationSource) {
      source = Objects.requireNonNull(invalidationSource, "invalidationSource");
      return this;
    }

    /**
     * The most copies held; past it the least valuable are dropped (and read again when used).
     *
     * @param max at least 1
     * @return this builder
     */
    public Builder maximumSize(long max) {
      if (max < 1) {
        throw new IllegalArgumentException("maximumSize must be at least 1, was " + max);
      }
      maximumSize = max;
      return this;
    }

    /**
     * The most unknown ids remembered (each for at most the staleness bound).
     *
     * @param max at least 0; 0 asks the delegate about every unknown id
     * @return this builder
     */
    public Builder unknownIdsMaximumSize(long max) {
      if (max < 0) {
        throw new IllegalArgumentException("unknownIdsMaximumSize must not be negative, was " + max);
      }
      unknownIdsMaximumSize = max;
      return this;
    }

    /**
     * How long after a change committed on another node this node may still serve the old copy, at
     * most. The source is polled four times per bound (more often where it signals changes).
     *
     * @param bound at least 10 milliseconds
     * @return this builder
     */
    public Builder stalenessBound(Duration bound) {
      Objects.requireNonNull(bound, "stalenessBound");
      if (bound.compareTo(Duration.ofMillis(10)) < 0) {
        throw new IllegalArgumentException("stalenessBound must be at least 10 ms, was " + bound);
      }
      stalenessBound = bound;
      return this;
    }

    /**
     * The clock that decides deadlines and the bound; give it the service's clock.
     *
     * @param timeSource the clock
     * @return this builder
     */
    public Builder clock(Clock timeSource) {
      clock = Objects.requireNonNull(timeSource, "clock");
      return this;
    }

    /**
     * Runs Caffeine's maintenance; by default the common pool.
     *
     * @param maintenanceExecutor the executor
     * @return this builder
     */
    public Builder executor(Executor maintenanceExecutor) {
      executor = Objects.requireNonNull(maintenanceExecutor, "executor");
      return this;
    }

    /**
     * Builds the near-cache, polls the source once (copies are served only after a poll succeeds)
     * and starts the polling thread.
     *
     * @return the near-cache; closing it closes the source and the delegate
     * @throws IllegalStateException when no invalidation source was set
     */
    public NearCacheSessionStore build() {
      if (source == null) {
        throw new IllegalStateException(
            "a near-cache needs an invalidationSource: without one, other nodes' revokes would never"
                + " reach it");
      }
      NearCacheSessionStore store = new NearCacheSessionStore(this, source);
      store.sync.pollNow();
      store.sync.start();
      return store;
    }
  }

  @Override
  public String toString() {
    return "NearCacheSessionStore[" + delegate() + "]";
  }
}
