package dev.sessionkit.testkit;

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
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.jspecify.annotations.Nullable;

/**
 * The SPI's promises written as plainly as possible: one map, one lock, every method a few lines.
 * It is slow on purpose (lists scan everything) and has nothing to get wrong, which makes it two
 * things: the store session-core's own tests run the contract on, and the sequential model that the
 * linearizability check holds the real stores against.
 */
public final class ReferenceSessionStore implements SessionStore {
  private static final Comparator<Session> LEAST_RECENTLY_USED_FIRST =
      Comparator.comparing(Session::lastAccessedAt).thenComparing(s -> s.id().value());

  private final Map<SessionId, StoredSession> sessions = new LinkedHashMap<>();

  @Override
  public synchronized CreateOutcome create(StoredSession stored, SubjectCap cap, Instant now) {
    Session session = stored.session();
    if (sessions.containsKey(session.id())) {
      throw new SessionException(ErrorCode.INTERNAL_ERROR, "session id collision");
    }
    List<Session> evicted = new ArrayList<>();
    if (cap.isLimited()) {
      List<Session> live = live(session.subject(), now);
      int excess = live.size() - cap.maxSessions() + 1;
      if (excess > 0 && cap.strategy() == OverflowStrategy.REJECT_NEW) {
        return CreateOutcome.refused();
      }
      live.sort(LEAST_RECENTLY_USED_FIRST);
      for (int i = 0; i < excess; i++) {
        evicted.add(sessions.remove(live.get(i).id()).session());
      }
    }
    sessions.put(session.id(), stored);
    return CreateOutcome.created(evicted);
  }

  @Override
  public synchronized @Nullable StoredSession findById(SessionId id) {
    return sessions.get(id);
  }

  /** The map's own lookup: the key equals and hashes like the id, so nothing is copied. */
  @Override
  public synchronized @Nullable StoredSession findByTokenId(TokenIdKey key) {
    return sessions.get(key);
  }

  @Override
  public synchronized Optional<Session> touch(SessionId id, Instant now, Instant idleExpiresAt) {
    StoredSession stored = sessions.get(id);
    if (stored == null || stored.session().isExpiredAt(now)) {
      return Optional.empty();
    }
    Session touched = touched(stored.session(), now, idleExpiresAt);
    sessions.put(id, new StoredSession(touched, stored.secretHash()));
    return Optional.of(touched);
  }

  @Override
  public synchronized Optional<Session> rotate(
      SessionId id, byte[] expectedHash, byte[] newHash, Instant now, Instant idleExpiresAt) {
    StoredSession stored = sessions.get(id);
    if (stored == null
        || stored.session().isExpiredAt(now)
        || !MessageDigest.isEqual(stored.secretHash(), expectedHash)) {
      return Optional.empty();
    }
    Session rotated = touched(stored.session(), now, idleExpiresAt).nextVersion();
    sessions.put(id, new StoredSession(rotated, newHash.clone()));
    return Optional.of(rotated);
  }

  /** Never backwards: two nodes may touch out of order. */
  private static Session touched(Session s, Instant now, Instant idleExpiresAt) {
    Instant accessed = now.isAfter(s.lastAccessedAt()) ? now : s.lastAccessedAt();
    Instant idle = idleExpiresAt.isAfter(s.idleExpiresAt()) ? idleExpiresAt : s.idleExpiresAt();
    return s.touchedAt(accessed, idle);
  }

  @Override
  public synchronized AttributeUpdate updateAttributes(
      String subject, SessionId id, long expectedVersion, Map<String, String> attributes, Instant now) {
    StoredSession stored = sessions.get(id);
    if (stored == null || !stored.session().subject().equals(subject) || stored.session().isExpiredAt(now)) {
      return AttributeUpdate.notFound();
    }
    if (stored.session().version() != expectedVersion) {
      return AttributeUpdate.conflict(stored.session().version());
    }
    Session updated = stored.session().withAttributes(attributes);
    sessions.put(id, new StoredSession(updated, stored.secretHash()));
    return AttributeUpdate.updated(updated);
  }

  @Override
  public synchronized List<Session> list(SessionQuery query) {
    List<Session> matching = new ArrayList<>();
    for (Session s : live(query.subject(), query.now())) {
      if (query.isAfterPosition(s)) {
        matching.add(s);
      }
    }
    matching.sort(query.comparator());
    long from = Math.min(query.offset(), matching.size());
    long to = Math.min(from + query.limit(), matching.size());
    return List.copyOf(matching.subList((int) from, (int) to));
  }

  @Override
  public synchronized long count(String subject, Instant now) {
    return live(subject, now).size();
  }

  @Override
  public synchronized List<Session> revoke(String subject, Collection<SessionId> ids) {
    List<Session> revoked = new ArrayList<>();
    for (SessionId id : ids) {
      StoredSession stored = sessions.get(id);
      if (stored != null && stored.session().subject().equals(subject)) {
        sessions.remove(id);
        revoked.add(stored.session());
      }
    }
    return revoked;
  }

  @Override
  public synchronized List<Session> revokeAll(String subject, @Nullable SessionId keep) {
    List<Session> revoked = new ArrayList<>();
    for (Iterator<StoredSession> it = sessions.values().iterator(); it.hasNext(); ) {
      Session s = it.next().session();
      if (s.subject().equals(subject) && !s.id().equals(keep)) {
        it.remove();
        revoked.add(s);
      }
    }
    return revoked;
  }

  /** Forgets every session; the store is empty afterwards, and stays usable (it owns nothing). */
  @Override
  public synchronized void close() {
    sessions.clear();
  }

  @Override
  public synchronized long estimatedSize() {
    return sessions.size();
  }

  @Override
  public synchronized int purgeExpired(Instant now, int batchSize) {
    int purged = 0;
    for (Iterator<StoredSession> it = sessions.values().iterator(); it.hasNext() && purged < batchSize; ) {
      if (it.next().session().isExpiredAt(now)) {
        it.remove();
        purged++;
      }
    }
    return purged;
  }

  private List<Session> live(String subject, Instant now) {
    List<Session> live = new ArrayList<>();
    for (StoredSession stored : sessions.values()) {
      Session s = stored.session();
      if (s.subject().equals(subject) && !s.isExpiredAt(now)) {
        live.add(s);
      }
    }
    return live;
  }

  /** @return every stored session, expired ones included, for tests that inspect the state */
  public synchronized List<StoredSession> all() {
    return List.copyOf(sessions.values());
  }

  @Override
  public synchronized String toString() {
    return "ReferenceSessionStore[size=" + sessions.size() + "]";
  }
}
