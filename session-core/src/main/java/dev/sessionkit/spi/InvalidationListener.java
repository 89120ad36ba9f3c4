package dev.sessionkit.spi;

import dev.sessionkit.SessionId;

/**
 * Where an {@link InvalidationSource} delivers what changed in the backend: a near-cache drops its
 * copies. Called from the thread that polls the source, never concurrently.
 */
public interface InvalidationListener {

  /**
   * A session was revoked, evicted by a cap, rotated or had its attributes replaced: any copy of it is
   * stale.
   *
   * @param id the changed session
   */
  void invalidate(SessionId id);

  /**
   * The source cannot vouch for what it may have missed (its log was trimmed past its position, or a
   * gap in the log stayed open longer than any write can take): every copy is suspect.
   */
  void invalidateAll();
}
