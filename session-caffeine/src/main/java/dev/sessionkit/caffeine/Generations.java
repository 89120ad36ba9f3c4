package dev.sessionkit.caffeine;

import dev.sessionkit.SessionId;
import java.util.concurrent.atomic.AtomicLongArray;

/**
 * Invalidation counters, striped by id, that keep a slow load from putting back a session invalidated
 * while it was being read: a load notes its stripe's generation before it reads the backend and
 * caches what it read only if the generation is unchanged when it stores the copy (inside the cache's
 * own lock for that key). An invalidation bumps the generation before it removes the copy, so
 * whichever of the two comes second sees the other.
 */
final class Generations {
  private static final int STRIPES = 64;
  private final AtomicLongArray counters = new AtomicLongArray(STRIPES);

  private static int stripe(SessionId id) {
    return id.hashCode() & (STRIPES - 1);
  }

  long of(SessionId id) {
    return counters.get(stripe(id));
  }

  boolean unchanged(SessionId id, long seen) {
    return counters.get(stripe(id)) == seen;
  }

  void bump(SessionId id) {
    counters.incrementAndGet(stripe(id));
  }

  void bumpAll() {
    for (int i = 0; i < STRIPES; i++) {
      counters.incrementAndGet(i);
    }
  }
}
