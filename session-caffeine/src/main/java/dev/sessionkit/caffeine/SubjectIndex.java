package dev.sessionkit.caffeine;

import dev.sessionkit.SessionId;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.locks.ReentrantLock;

/**
 * The ids of one subject's sessions, and the lock that makes a subject's creates and revokes atomic.
 *
 * <p>Why a lock beside a concurrent set: cap enforcement must count and insert as one step, so
 * creates and revokes of one subject take the lock. Eviction and expiry happen inside Caffeine's own
 * maintenance, which must never block on it (a thread holding a subject lock may be doing that very
 * maintenance); they remove ids from the concurrent set without the lock and only {@code tryLock} to
 * retire an empty index.
 */
final class SubjectIndex {
  final Set<SessionId> ids = ConcurrentHashMap.newKeySet();
  final ReentrantLock lock = new ReentrantLock();

  /** Set, under the lock, once the index has left the map; holders must then start over. */
  boolean retired;
}
