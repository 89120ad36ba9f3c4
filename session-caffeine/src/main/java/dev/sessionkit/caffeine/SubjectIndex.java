package dev.sessionkit.caffeine;

import dev.sessionkit.SessionId;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.util.concurrent.locks.ReentrantLock;
import org.jspecify.annotations.Nullable;

/**
 * The ids of one subject's sessions, and (it is one) the lock that makes a subject's creates and
 * revokes atomic: the lock guards {@link #ids}.
 *
 * <p>Eviction and expiry happen inside Caffeine's own maintenance, which must never block on a
 * subject lock (a thread holding one may be doing that very maintenance). Their removals are queued
 * here without the lock ({@link #removeLater}) and applied by whoever holds the lock next: the
 * remover itself when {@code tryLock} succeeds, else the holder before it lets go (see {@code
 * CaffeineStore.release}). A removal not yet applied leaves an id whose session is gone from the
 * cache; every reader checks the cache for each id, so it only costs a lookup.
 *
 * <p>Extending the lock (rather than holding one) saves an object per subject: memory is what this
 * index is measured on.
 */
final class SubjectIndex extends ReentrantLock {
  private static final long serialVersionUID = 1L;
  private static final VarHandle PENDING;

  static {
    try {
      PENDING = MethodHandles.lookup().findVarHandle(SubjectIndex.class, "pending", PendingRemoval.class);
    } catch (ReflectiveOperationException e) {
      throw new ExceptionInInitializerError(e);
    }
  }

  final transient SessionIdSet ids = new SessionIdSet();

  /** Removals queued by threads that could not take the lock, newest first. */
  private transient volatile @Nullable PendingRemoval pending;

  /** Set, under the lock, once the index has left the map; holders must then start over. */
  boolean retired;

  /** Queues the removal of {@code id}; never blocks. */
  void removeLater(SessionId id) {
    PendingRemoval head;
    do {
      head = pending;
    } while (!PENDING.compareAndSet(this, head, new PendingRemoval(id, head)));
  }

  boolean hasPendingRemovals() {
    return pending != null;
  }

  /** Applies the queued removals; the caller holds the lock. */
  void applyPendingRemovals() {
    for (PendingRemoval p = (PendingRemoval) PENDING.getAndSet(this, null); p != null; p = p.next) {
      ids.remove(p.id);
    }
  }

  private static final class PendingRemoval {
    final SessionId id;
    final @Nullable PendingRemoval next;

    PendingRemoval(SessionId id, @Nullable PendingRemoval next) {
      this.id = id;
      this.next = next;
    }
  }
}
