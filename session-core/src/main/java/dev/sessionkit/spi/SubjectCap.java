package dev.sessionkit.spi;

import dev.sessionkit.OverflowStrategy;
import java.util.Objects;

/**
 * The per-subject session cap a store enforces atomically inside {@link SessionStore#create}.
 *
 * @param maxSessions the most live sessions per subject; 0 means no cap
 * @param strategy what to do when a create would go past it
 */
public record SubjectCap(int maxSessions, OverflowStrategy strategy) {
  /** No cap. */
  public static final SubjectCap NONE = new SubjectCap(0, OverflowStrategy.EVICT_LEAST_RECENTLY_USED);

  /**
   * Checks the values.
   *
   * @param maxSessions the most live sessions per subject; 0 means no cap
   * @param strategy what to do when a create would go past it
   */
  public SubjectCap {
    if (maxSessions < 0) {
      throw new IllegalArgumentException("maxSessions must not be negative");
    }
    Objects.requireNonNull(strategy, "strategy");
  }

  /** @return whether a cap applies */
  public boolean isLimited() {
    return maxSessions > 0;
  }
}
