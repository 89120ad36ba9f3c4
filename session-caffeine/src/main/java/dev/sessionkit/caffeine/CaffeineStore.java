package dev.sessionkit.caffeine;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import com.github.benmanes.caffeine.cache.Expiry;
import com.github.benmanes.caffeine.cache.Policy;
import com.github.benmanes.caffeine.cache.RemovalCause;
import dev.sessionkit.ErrorCode;
import dev.sessionkit.OverflowStrategy;
import dev.sessionkit.Session;
import dev.sessionkit.SessionException;
import dev.sessionkit.SessionId;
import dev.sessionkit.TokenIdKey;
import dev.sessionkit.spi.AttributeUpdate;
import dev.sessionkit.spi.CreateOutcome;
import dev.sessionkit.spi.SessionQuery;
import dev.sessionkit.spi.SessionStore;
import dev.sessionkit.spi.StoredSession;
import dev.sessionkit.spi.SubjectCap;
import java.security.MessageDigest;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.PriorityQueue;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;
import java.util.concurrent.Executor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Function;
import org.jspecify.annotations.Nullable;

/** See {@link CaffeineSessionStore}. */
final class CaffeineStore implements SessionStore {
  /** Pages ending at most this far into a list are served from a heap, longer ones by a full sort. */
  private static final int TOP_K_LIMIT = 1024;

  private static final Comparator<Session> LEAST_RECENTLY_USED_FIRST =
      Comparator.comparing(Session::lastAccessedAt).thenComparing(s -> s.id().value());

  private final Cache<SessionId, StoredSession> cache;
  private final ConcurrentMap<SessionId, StoredSession> map;
  /** The cache's policy, for quiet reads by keys equal to a {@link SessionId} (a {@link TokenIdKey}). */
  private final Policy<Object, StoredSession> lookups;
  private final ConcurrentMap<String, SubjectIndex> bySubject = new ConcurrentHashMap<>();
  /** Sessions Caffeine itself dropped at their deadline and no purge has reported yet. */
  private final AtomicLong expiredByCache = new AtomicLong();
  private volatile boolean closed;

  CaffeineStore(long maximumSize, Clock clock, Duration expiredRetention, Executor executor) {
    long baseMillis = clock.millis();
    long retentionMillis = expiredRetention.toMillis();
    this.cache =
        Caffeine.newBuilder()
            .maximumSize(maximumSize)
            .executor(executor)
            // Caffeine wants a nanosecond ticker; the offset keeps its arithmetic far from overflow.
            .ticker(() -> TimeUnit.MILLISECONDS.toNanos(clock.millis() - baseMillis))
            .expireAfter(new DeadlineExpiry(clock, retentionMillis))
            .evictionListener(this::onEviction)
            .build();
    this.map = cache.asMap();
    @SuppressWarnings("unchecked") // reads only: Caffeine passes the key to ConcurrentHashMap.get
    Policy<Object, StoredSession> policy = (Policy<Object, StoredSession>) (Policy<?, ?>) cache.policy();
    this.lookups = policy;
  }

  /**
   * Each entry lives until its session's own deadline plus the retention; touches are updates and
   * move it. Reads never change it. Measured (JMH, 10k entries): a cache with this kind of expiry
   * pays about 5x a ConcurrentHashMap.get on getIfPresent, because every read is recorded for the
   * policy and drives maintenance; the store therefore reads through getIfPresentQuietly (about 76 ns
   * against 129 ns), which still checks expiry.
   */
  private static final class DeadlineExpiry implements Expiry<SessionId, StoredSession> {
    private final Clock clock;
    private final long retentionMillis;

    DeadlineExpiry(Clock clock, long retentionMillis) {
      this.clock = clock;
      this.retentionMillis = retentionMillis;
    }

    private long untilDeadline(StoredSession value) {
      long millis =
          value.session().idleExpiresAt().toEpochMilli() + retentionMillis - clock.millis();
      return millis <= 0 ? 0 : TimeUnit.MILLISECONDS.toNanos(millis);
    }

    @Override
    public long expireAfterCreate(SessionId key, StoredSession value, long currentTime) {
      return untilDeadline(value);
    }

    @Override
    public long expireAfterUpdate(
        SessionId key, StoredSession value, long currentTime, long currentDuration) {
      return untilDeadline(value);
    }

    @Override
    public long expireAfterRead(
        SessionId key, StoredSession value, long currentTime, long currentDuration) {
      return currentDuration;
    }
  }

  /** Size evictions and expiries run inside Caffeine's maintenance: no blocking here. */
  private void onEviction(@Nullable SessionId id, @Nullable StoredSession value, RemovalCause cause) {
    if (id != null && value != null) {
      unindex(value.session().subject(), id);
    }
    if (cause == RemovalCause.EXPIRED) {
      expiredByCache.incrementAndGet();
    }
  }

  /** Takes an id out of its subject's index without blocking (see {@link SubjectIndex}). */
  private void unindex(String subject, SessionId id) {
    SubjectIndex index = bySubject.get(subject);
    if (index == null) {
      return;
    }
    index.removeLater(id);
    applyPendingIfFree(subject, index);
  }

  /**
   * Applies queued removals while nobody holds the lock; a holder applies them itself before it lets
   * go ({@link #release}), and checks again after, so no removal waits for the subject's next call.
   * Not when this thread holds the lock already: Caffeine may run the eviction listener inside a
   * create of the same subject (a cap victim expiring between the create's read and its removal); the
   * set must not change under that create, and retiring the index then would put the new session
   * into a retired index that no list, count or revoke-all finds. That holder applies them instead.
   */
  private void applyPendingIfFree(String subject, SubjectIndex index) {
    if (index.isHeldByCurrentThread()) {
      return;
    }
    while (index.hasPendingRemovals() && index.tryLock()) {
      try {
        retireIfEmpty(subject, index);
      } finally {
        index.unlock();
      }
    }
  }

  /** Lets go of a subject's lock, leaving no queued removal behind. */
  private void release(String subject, SubjectIndex index) {
    index.unlock();
    applyPendingIfFree(subject, index);
  }

  /** Applies queued removals and takes the index out of the map if it is empty; caller holds the lock. */
  private void retireIfEmpty(String subject, SubjectIndex index) {
    index.applyPendingRemovals();
    if (!index.retired && index.ids.isEmpty()) {
      index.retired = true;
      bySubject.remove(subject, index);
    }
  }

  /** Runs {@code action} holding the subject's lock, on an index that is in the map. */
  private <R> R withSubject(String subject, Function<SubjectIndex, R> action) {
    if (closed) {
      throw new IllegalStateException("the session store is closed");
    }
    while (true) {
      SubjectIndex index = bySubject.computeIfAbsent(subject, s -> new SubjectIndex());
      index.lock();
      try {
        if (index.retired) {
          continue;
        }
        try {
          return action.apply(index);
        } finally {
          retireIfEmpty(subject, index);
        }
      } finally {
        release(subject, index);
      }
    }
  }

  @Override
  public CreateOutcome create(StoredSession stored, SubjectCap cap, Instant now) {
    Session session = stored.session();
    return withSubject(
        session.subject(),
        index -> {
          // A taken id (128 random bits: never, in practice) fails before anything changes.
          if (map.containsKey(session.id())) {
            throw new SessionException(ErrorCode.INTERNAL_ERROR, "session id collision");
          }
          List<Session> evicted = List.of();
          if (cap.isLimited()) {
            List<Session> live = live(index, session.subject(), now);
            int excess = live.size() - cap.maxSessions() + 1;
            if (excess > 0) {
              if (cap.strategy() == OverflowStrategy.REJECT_NEW) {
                return CreateOutcome.refused();
              }
              live.sort(LEAST_RECENTLY_USED_FIRST);
              evicted = new ArrayList<>(excess);
              for (Session victim : live.subList(0, excess)) {
                Session removed = removeOwned(index, session.subject(), victim.id());
                if (removed != null) {
                  evicted.add(removed);
                }
              }
            }
          }
          index.ids.add(session.id());
          if (map.putIfAbsent(session.id(), stored) != null) {
            // Another subject's create took the id in between (that subject's lock is not ours).
            index.ids.remove(session.id());
            throw new SessionException(ErrorCode.INTERNAL_ERROR, "session id collision");
          }
          return CreateOutcome.created(evicted);
        });
  }

  @Override
  public @Nullable StoredSession findById(SessionId id) {
    // Quietly: recording every read costs the hot path a read-buffer slot and, when the buffer
    // fills, a maintenance task handed to the executor. Touches (writes) keep the policy informed.
    return cache.policy().getIfPresentQuietly(id);
  }

  /**
   * The same quiet read by the id inside the token: Caffeine hands the key to its hash map's {@code
   * get}, which compares it with {@code key.equals(storedId)} (the {@code Map.get} contract), so no
   * {@link SessionId} is made. The key is not kept: a read stores nothing.
   */
  @Override
  public @Nullable StoredSession findByTokenId(TokenIdKey key) {
    return lookups.getIfPresentQuietly(key);
  }

  @Override
  public Optional<Session> touch(SessionId id, Instant now, Instant idleExpiresAt) {
    StoredSession updated =
        map.computeIfPresent(
            id,
            (k, v) -> {
              Session s = v.session();
              if (s.isExpiredAt(now)) {
                return v;
              }
              Instant accessed = now.isAfter(s.lastAccessedAt()) ? now : s.lastAccessedAt();
              Instant idle = idleExpiresAt.isAfter(s.idleExpiresAt()) ? idleExpiresAt : s.idleExpiresAt();
              return new StoredSession(s.touchedAt(accessed, idle), v.secretHash());
            });
    return updated == null || updated.session().isExpiredAt(now)
        ? Optional.empty()
        : Optional.of(updated.session());
  }

  @Override
  public Optional<Session> rotate(
      SessionId id, byte[] expectedHash, byte[] newHash, Instant now, Instant idleExpiresAt) {
    Session[] rotated = new Session[1];
    map.computeIfPresent(
        id,
        (k, v) -> {
          Session s = v.session();
          if (s.isExpiredAt(now) || !MessageDigest.isEqual(v.secretHash(), expectedHash)) {
            return v;
          }
          rotated[0] = s.touchedAt(now, idleExpiresAt).nextVersion();
          return new StoredSession(rotated[0], newHash.clone());
        });
    return Optional.ofNullable(rotated[0]);
  }

  @Override
  public AttributeUpdate updateAttributes(
      String subject, SessionId id, long expectedVersion, Map<String, String> attributes, Instant now) {
    Session[] updated = new Session[1];
    long[] conflict = {0};
    map.computeIfPresent(
        id,
        (k, v) -> {
          Session s = v.session();
          if (!s.subject().equals(subject) || s.isExpiredAt(now)) {
            return v;
          }
          if (s.version() != expectedVersion) {
            conflict[0] = s.version();
            return v;
          }
          updated[0] = s.withAttributes(attributes);
          return new StoredSession(updated[0], v.secretHash());
        });
    if (updated[0] != null) {
      return AttributeUpdate.updated(updated[0]);
    }
    return conflict[0] != 0 ? AttributeUpdate.conflict(conflict[0]) : AttributeUpdate.notFound();
  }

  /**
   * Reads a subject's sessions holding its lock, so a list or count is a snapshot between creates and
   * revokes (a cap eviction removes one session and adds another: an unlocked walk could see both).
   */
  private <R> R readSubject(String subject, Function<SubjectIndex, R> read, R none) {
    while (true) {
      SubjectIndex index = bySubject.get(subject);
      if (index == null) {
        return none;
      }
      index.lock();
      try {
        if (!index.retired) {
          R result = read.apply(index);
          // An eviction may have emptied it while a reader held the lock (its tryLock failed then).
          retireIfEmpty(subject, index);
          return result;
        }
      } finally {
        release(subject, index);
      }
    }
  }

  @Override
  public List<Session> list(SessionQuery query) {
    // Written so that it cannot overflow: any offset up to Long.MAX_VALUE is a valid (empty) page.
    if (query.offset() <= TOP_K_LIMIT - query.limit()) {
      // Short pages (the usual first pages and keyset pages): keep the best `wanted` in a heap
      // instead of sorting every session of the subject.
      int wanted = (int) query.offset() + query.limit();
      Comparator<Session> order = query.comparator();
      List<Session> top =
          readSubject(query.subject(), index -> top(index, query, order, wanted), List.<Session>of());
      int from = (int) Math.min(query.offset(), top.size());
      int to = (int) Math.min((long) from + query.limit(), top.size());
      return List.copyOf(top.subList(from, to));
    }
    List<Session> live =
        readSubject(query.subject(), index -> live(index, query.subject(), query.now()), List.<Session>of());
    List<Session> matching = new ArrayList<>();
    for (Session s : live) {
      if (query.isAfterPosition(s)) {
        matching.add(s);
      }
    }
    matching.sort(query.comparator());
    int from = (int) Math.min(query.offset(), matching.size());
    int to = (int) Math.min((long) from + query.limit(), matching.size());
    return List.copyOf(matching.subList(from, to));
  }

  /** The first {@code k} live sessions after the query's position, in the query's order. */
  private List<Session> top(SubjectIndex index, SessionQuery query, Comparator<Session> order, int k) {
    PriorityQueue<Session> heap = new PriorityQueue<>(k + 1, order.reversed());
    for (SessionId id : index.ids) {
      StoredSession stored = cache.policy().getIfPresentQuietly(id);
      if (stored == null) {
        continue;
      }
      Session s = stored.session();
      if (!s.subject().equals(query.subject()) || s.isExpiredAt(query.now()) || !query.isAfterPosition(s)) {
        continue;
      }
      if (heap.size() < k) {
        heap.add(s);
      } else if (order.compare(s, heap.peek()) < 0) {
        heap.poll();
        heap.add(s);
      }
    }
    List<Session> sorted = new ArrayList<>(heap);
    sorted.sort(order);
    return sorted;
  }

  @Override
  public long count(String subject, Instant now) {
    return readSubject(subject, index -> (long) live(index, subject, now).size(), 0L);
  }

  /** The subject's sessions that are live at {@code now}, read through the cache, in no order. */
  private List<Session> live(SubjectIndex index, String subject, Instant now) {
    List<Session> live = new ArrayList<>(index.ids.size());
    for (SessionId id : index.ids) {
      StoredSession stored = cache.policy().getIfPresentQuietly(id);
      if (stored != null
          && stored.session().subject().equals(subject)
          && !stored.session().isExpiredAt(now)) {
        live.add(stored.session());
      }
    }
    return live;
  }

  @Override
  public List<Session> revoke(String subject, Collection<SessionId> ids) {
    return withSubject(
        subject,
        index -> {
          List<Session> revoked = new ArrayList<>();
          for (SessionId id : ids) {
            if (index.ids.contains(id)) {
              Session removed = removeOwned(index, subject, id);
              if (removed != null) {
                revoked.add(removed);
              }
            }
          }
          return revoked;
        });
  }

  @Override
  public List<Session> revokeAll(String subject, @Nullable SessionId keep) {
    return withSubject(
        subject,
        index -> {
          List<Session> revoked = new ArrayList<>();
          for (SessionId id : index.ids.toList()) {
            if (!id.equals(keep)) {
              Session removed = removeOwned(index, subject, id);
              if (removed != null) {
                revoked.add(removed);
              }
            }
          }
          return revoked;
        });
  }

  /** Removes a session of {@code subject} (caller holds the subject lock); returns its last state. */
  private @Nullable Session removeOwned(SubjectIndex index, String subject, SessionId id) {
    Session[] removed = new Session[1];
    map.computeIfPresent(
        id,
        (k, v) -> {
          if (!v.session().subject().equals(subject)) {
            return v;
          }
          removed[0] = v.session();
          return null;
        });
    index.ids.remove(id);
    return removed[0];
  }

  @Override
  public int purgeExpired(Instant now, int batchSize) {
    cache.cleanUp();
    // What Caffeine expired on its own counts too (up to the batch), or a purge after the cache's
    // own expiry would report 0 for sessions that are gone.
    int purged = (int) expiredByCache.getAndUpdate(n -> n - Math.min(n, batchSize));
    purged = Math.min(purged, batchSize);
    for (StoredSession stored : map.values()) {
      if (purged >= batchSize) {
        break;
      }
      Session s = stored.session();
      if (s.isExpiredAt(now)
          && map.remove(s.id(), stored)) {
        unindex(s.subject(), s.id());
        purged++;
      }
    }
    return purged;
  }

  @Override
  public long estimatedSize() {
    return cache.estimatedSize();
  }

  /**
   * Drops every session: the store owns nothing but its memory (the maintenance executor is the
   * application's). Creates, lists and revokes fail afterwards; lookups find nothing.
   */
  @Override
  public void close() {
    closed = true;
    cache.invalidateAll();
    cache.cleanUp();
    bySubject.clear();
  }

  /**
   * For tests of the index: ids held by all subject indexes, after the cache's pending maintenance;
   * removals still queued in an index count as held.
   */
  long indexedIds() {
    cache.cleanUp();
    long ids = 0;
    for (SubjectIndex index : bySubject.values()) {
      index.lock();
      try {
        ids += index.ids.size();
      } finally {
        index.unlock();
      }
    }
    return ids;
  }

  /** For tests of the index: the lock of a subject's index, if it has one. */
  java.util.concurrent.locks.@Nullable ReentrantLock subjectLock(String subject) {
    return bySubject.get(subject);
  }

  /** For tests of the index: subjects with an index. */
  int indexedSubjects() {
    return bySubject.size();
  }

  /** For tests of the index: entries in the cache, after pending maintenance. */
  long cachedSessions() {
    cache.cleanUp();
    return cache.estimatedSize();
  }

  @Override
  public String toString() {
    return "CaffeineSessionStore[size=" + cache.estimatedSize() + "]";
  }
}
