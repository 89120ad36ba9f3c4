package dev.sessionkit.spi;

import dev.sessionkit.Session;
import java.util.List;
import java.util.Objects;

/**
 * What {@link SessionStore#create} did: stored the session (evicting the sessions listed to make
 * room under the cap), or refused it because the subject was at its cap and the cap refuses. The
 * service turns a refusal into {@link dev.sessionkit.ErrorCode#SESSION_LIMIT_EXCEEDED}; a store only
 * reports it, so that decorators see every outcome as a value, not an exception.
 */
public final class CreateOutcome {
  private static final CreateOutcome REFUSED = new CreateOutcome(false, List.of());
  private static final CreateOutcome CREATED = new CreateOutcome(true, List.of());

  private final boolean created;
  private final List<Session> evicted;

  private CreateOutcome(boolean created, List<Session> evicted) {
    this.created = created;
    this.evicted = evicted;
  }

  /**
   * @param evicted the last state of each session revoked to make room, oldest use first
   * @return the outcome of a stored session
   */
  public static CreateOutcome created(List<Session> evicted) {
    return evicted.isEmpty() ? CREATED : new CreateOutcome(true, List.copyOf(evicted));
  }

  /** @return the outcome of a create the cap refused; nothing was stored */
  public static CreateOutcome refused() {
    return REFUSED;
  }

  /** @return whether the session was stored */
  public boolean created() {
    return created;
  }

  /** @return the sessions the cap evicted; empty when none were, and always for a refusal */
  public List<Session> evicted() {
    return evicted;
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof CreateOutcome other && created == other.created && evicted.equals(other.evicted);
  }

  @Override
  public int hashCode() {
    return Objects.hash(created, evicted);
  }

  @Override
  public String toString() {
    return created ? "CreateOutcome[created, evicted=" + evicted.size() + "]" : "CreateOutcome[refused]";
  }
}
