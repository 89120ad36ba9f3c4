package dev.sessionkit.micrometer;

import dev.sessionkit.Session;
import dev.sessionkit.SessionId;
import dev.sessionkit.TokenIdKey;
import dev.sessionkit.spi.AttributeUpdate;
import dev.sessionkit.spi.CreateOutcome;
import dev.sessionkit.spi.ForwardingSessionStore;
import dev.sessionkit.spi.SessionQuery;
import dev.sessionkit.spi.SessionStore;
import dev.sessionkit.spi.StoredSession;
import dev.sessionkit.spi.SubjectCap;
import io.micrometer.core.instrument.Clock;
import io.micrometer.core.instrument.FunctionTimer;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.Meter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Tag;
import io.micrometer.core.instrument.Tags;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.LongAdder;
import org.jspecify.annotations.Nullable;

/**
 * A store that times every call to the store it wraps, and gauges how many sessions that store holds
 * when it can tell cheaply.
 *
 * <ul>
 *   <li>{@value #STORE_CALLS}: a timer per operation, tagged {@value #OPERATION} with the SPI method's
 *       name ({@code create}, {@code findById}, {@code touch}, {@code rotate}, {@code
 *       updateAttributes}, {@code list}, {@code count}, {@code revoke}, {@code revokeAll}, {@code
 *       purgeExpired}). A call that throws is timed too. Prometheus shows it as {@code
 *       sessionkit_store_calls_seconds_count} and {@code _sum}.
 *   <li>{@value #STORED}: a gauge of {@link SessionStore#estimatedSize()} (expired sessions not yet
 *       purged included), registered only when the wrapped store answers with a size ({@code >= 0}) at
 *       construction; a store that cannot tell without a scan gets no gauge rather than a wrong one.
 * </ul>
 *
 * The timers are {@link FunctionTimer}s over two {@link LongAdder}s per operation (calls, nanoseconds),
 * registered up front and held in fields: a call costs two reads of the registry's clock and two
 * uncontended adds, without a registry lookup or an allocation. A full {@code Timer} would add a
 * windowed maximum, whose every record reads the wall clock as well: measured on the Caffeine store's
 * validate path, that was a third of the metering cost (BENCHMARKS.md, "Metrics overhead"), so these
 * timers have a count and a total and no maximum or histogram. Durations come from the registry's
 * {@link Clock}, so tests that give the registry a {@code MockClock} see exact figures.
 *
 * <p>One registry holds one metered store per set of tags: a second store with the same tags is
 * refused (its calls would go uncounted), so give each its own tag ({@code store=sessions}, say).
 * {@link #close()} closes the wrapped store and removes this store's meters, so a store that replaces
 * it can register them again.
 */
public final class MeteredSessionStore extends ForwardingSessionStore {
  /** The timer of store calls, tagged {@value #OPERATION}. */
  public static final String STORE_CALLS = "sessionkit.store.calls";
  /** The gauge of stored sessions. */
  public static final String STORED = "sessionkit.sessions.stored";
  /** The tag of {@value #STORE_CALLS}. */
  public static final String OPERATION = "operation";

  private final MeterRegistry registry;
  private final Clock clock;
  private final Calls create;
  private final Calls findById;
  private final Calls touch;
  private final Calls rotate;
  private final Calls updateAttributes;
  private final Calls list;
  private final Calls count;
  private final Calls revoke;
  private final Calls revokeAll;
  private final Calls purgeExpired;
  private final @Nullable Gauge stored;
  /** Everything this store registered, for {@link #close()}. */
  private final List<Meter> meters = new ArrayList<>();
  private final AtomicBoolean closed = new AtomicBoolean();

  /**
   * Wraps a store.
   *
   * @param delegate the store to time
   * @param registry where the timers and the gauge live
   * @param tags tags added to every meter; never a subject or a session id
   */
  public MeteredSessionStore(SessionStore delegate, MeterRegistry registry, Tag... tags) {
    this(delegate, registry, Tags.of(tags));
  }

  /**
   * Wraps a store.
   *
   * @param delegate the store to time
   * @param registry where the timers and the gauge live
   * @param tags tags added to every meter
   * @throws IllegalArgumentException when the registry already has a metered store with these tags
   */
  public MeteredSessionStore(SessionStore delegate, MeterRegistry registry, Iterable<Tag> tags) {
    super(delegate);
    this.registry = Objects.requireNonNull(registry, "registry");
    this.clock = registry.config().clock();
    Tags common = Tags.of(Objects.requireNonNull(tags, "tags"));
    Tags probe = common.and(OPERATION, "findById");
    if (registry.find(STORE_CALLS).tags(probe).meters().stream()
        .anyMatch(m -> Tags.of(m.getId().getTags()).equals(probe))) {
      throw new IllegalArgumentException(
          "this registry already has a metered store tagged " + common + "; give each store its own tags");
    }
    create = timer("create", common);
    findById = timer("findById", common);
    touch = timer("touch", common);
    rotate = timer("rotate", common);
    updateAttributes = timer("updateAttributes", common);
    list = timer("list", common);
    count = timer("count", common);
    revoke = timer("revoke", common);
    revokeAll = timer("revokeAll", common);
    purgeExpired = timer("purgeExpired", common);
    stored =
        delegate.estimatedSize() < 0
            ? null
            : Gauge.builder(STORED, this, MeteredSessionStore::storedSessions)
                .description("Sessions in the store, expired ones not yet purged included")
                .tags(common)
                .register(registry);
    if (stored != null) {
      meters.add(stored);
    }
  }

  /** One operation's calls and their total time; read by its {@link FunctionTimer}. */
  private static final class Calls {
    final LongAdder count = new LongAdder();
    final LongAdder nanos = new LongAdder();

    long count() {
      return count.sum();
    }

    double nanos() {
      return nanos.sum();
    }
  }

  private Calls timer(String operation, Tags common) {
    Calls calls = new Calls();
    meters.add(
        FunctionTimer.builder(STORE_CALLS, calls, Calls::count, Calls::nanos, TimeUnit.NANOSECONDS)
            .description("Calls to the session store, by operation")
            .tags(common.and(OPERATION, operation))
            .register(registry));
    return calls;
  }

  /** The gauge's value: NaN (no sample) when the store stops answering with a size. */
  private double storedSessions() {
    long size = delegate().estimatedSize();
    return size < 0 ? Double.NaN : size;
  }

  /**
   * @return whether the stored-sessions gauge was registered (the wrapped store tells its size)
   */
  public boolean gaugesStoredSessions() {
    return stored != null;
  }

  private void record(Calls calls, long started) {
    calls.nanos.add(clock.monotonicTime() - started);
    calls.count.increment();
  }

  /** Timed as {@code operation=create}. */
  @Override
  public CreateOutcome create(StoredSession session, SubjectCap cap, Instant now) {
    long started = clock.monotonicTime();
    try {
      return super.create(session, cap, now);
    } finally {
      record(create, started);
    }
  }

  /** Timed as {@code operation=findById}: the hot path's one store call. */
  @Override
  public @Nullable StoredSession findById(SessionId id) {
    long started = clock.monotonicTime();
    try {
      return super.findById(id);
    } finally {
      record(findById, started);
    }
  }

  /** Timed as {@code operation=findById} too: the same lookup, by the id inside the token. */
  @Override
  public @Nullable StoredSession findByTokenId(TokenIdKey key) {
    long started = clock.monotonicTime();
    try {
      return delegate().findByTokenId(key);
    } finally {
      record(findById, started);
    }
  }

  /** Timed as {@code operation=touch}. */
  @Override
  public Optional<Session> touch(SessionId id, Instant now, Instant idleExpiresAt) {
    long started = clock.monotonicTime();
    try {
      return super.touch(id, now, idleExpiresAt);
    } finally {
      record(touch, started);
    }
  }

  /** Timed as {@code operation=rotate}. */
  @Override
  public Optional<Session> rotate(
      SessionId id, byte[] expectedHash, byte[] newHash, Instant now, Instant idleExpiresAt) {
    long started = clock.monotonicTime();
    try {
      return super.rotate(id, expectedHash, newHash, now, idleExpiresAt);
    } finally {
      record(rotate, started);
    }
  }

  /** Timed as {@code operation=updateAttributes}. */
  @Override
  public AttributeUpdate updateAttributes(
      String subject, SessionId id, long expectedVersion, Map<String, String> attributes, Instant now) {
    long started = clock.monotonicTime();
    try {
      return super.updateAttributes(subject, id, expectedVersion, attributes, now);
    } finally {
      record(updateAttributes, started);
    }
  }

  /** Timed as {@code operation=list}. */
  @Override
  public List<Session> list(SessionQuery query) {
    long started = clock.monotonicTime();
    try {
      return super.list(query);
    } finally {
      record(list, started);
    }
  }

  /** Timed as {@code operation=count}. */
  @Override
  public long count(String subject, Instant now) {
    long started = clock.monotonicTime();
    try {
      return super.count(subject, now);
    } finally {
      record(count, started);
    }
  }

  /** Timed as {@code operation=revoke}. */
  @Override
  public List<Session> revoke(String subject, Collection<SessionId> ids) {
    long started = clock.monotonicTime();
    try {
      return super.revoke(subject, ids);
    } finally {
      record(revoke, started);
    }
  }

  /** Timed as {@code operation=revokeAll}. */
  @Override
  public List<Session> revokeAll(String subject, @Nullable SessionId keep) {
    long started = clock.monotonicTime();
    try {
      return super.revokeAll(subject, keep);
    } finally {
      record(revokeAll, started);
    }
  }

  /** Timed as {@code operation=purgeExpired}, one record per batch. */
  @Override
  public int purgeExpired(Instant now, int batchSize) {
    long started = clock.monotonicTime();
    try {
      return super.purgeExpired(now, batchSize);
    } finally {
      record(purgeExpired, started);
    }
  }

  /** Closes the wrapped store, then removes this store's timers and gauge. Idempotent. */
  @Override
  public void close() {
    try {
      super.close();
    } finally {
      if (closed.compareAndSet(false, true)) { // once: a store registered since may hold the same ids
        for (Meter meter : meters) {
          registry.remove(meter);
        }
      }
    }
  }
}
