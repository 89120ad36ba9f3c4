package dev.sessionkit;

import java.time.Duration;
import java.util.Objects;
import org.jspecify.annotations.Nullable;

/**
 * The rules a {@link SessionService} enforces: lifetimes, touch throttling, per-subject cap, page and
 * bulk limits. Immutable; build one with {@link #builder()} or take {@link #defaults()}.
 */
public final class SessionPolicy {
  /**
   * The largest page size and bulk limit a policy accepts: a page or a bulk revoke is one request's
   * work, and larger values would let one request hold a subject's lock and the store for long.
   */
  public static final int MAX_LIMIT = 10_000;

  private final Duration absoluteLifetime;
  private final Duration idleTimeout;
  private final Duration touchInterval;
  private final int maxSessionsPerSubject;
  private final OverflowStrategy overflowStrategy;
  private final int maxPageSize;
  private final int bulkLimit;
  private final int purgeBatchSize;

  private SessionPolicy(Builder b, Duration idleTimeout) {
    this.absoluteLifetime = b.absoluteLifetime;
    this.idleTimeout = idleTimeout;
    this.touchInterval = b.touchInterval;
    this.maxSessionsPerSubject = b.maxSessionsPerSubject;
    this.overflowStrategy = b.overflowStrategy;
    this.maxPageSize = b.maxPageSize;
    this.bulkLimit = b.bulkLimit;
    this.purgeBatchSize = b.purgeBatchSize;
  }

  /**
   * 30 days absolute, 7 days idle, touch at most once a minute, no cap, pages up to 100, bulk up to
   * 100 ids, purge in batches of 1000.
   *
   * @return the default policy
   */
  public static SessionPolicy defaults() {
    return builder().build();
  }

  /**
   * A builder starting from the defaults.
   *
   * @return a new builder
   */
  public static Builder builder() {
    return new Builder();
  }

  /** @return how long a session lives at most, however busy */
  public Duration absoluteLifetime() {
    return absoluteLifetime;
  }

  /** @return how long a session lives without use; equal to the absolute lifetime when not set */
  public Duration idleTimeout() {
    return idleTimeout;
  }

  /** @return the minimum time between two writes of {@code lastAccessedAt} for one session */
  public Duration touchInterval() {
    return touchInterval;
  }

  /** @return the most live sessions one subject may hold, 0 for no limit */
  public int maxSessionsPerSubject() {
    return maxSessionsPerSubject;
  }

  /** @return what a login past the cap does */
  public OverflowStrategy overflowStrategy() {
    return overflowStrategy;
  }

  /** @return the largest page (or limit) a list call may ask for */
  public int maxPageSize() {
    return maxPageSize;
  }

  /** @return the most ids one bulk revoke may name, unknown and foreign ones included */
  public int bulkLimit() {
    return bulkLimit;
  }

  /** @return how many expired sessions one purge batch deletes at most */
  public int purgeBatchSize() {
    return purgeBatchSize;
  }

  @Override
  public String toString() {
    return "SessionPolicy[absoluteLifetime=" + absoluteLifetime
        + ", idleTimeout=" + idleTimeout
        + ", touchInterval=" + touchInterval
        + ", maxSessionsPerSubject=" + maxSessionsPerSubject
        + ", overflowStrategy=" + overflowStrategy
        + ", maxPageSize=" + maxPageSize
        + ", bulkLimit=" + bulkLimit
        + ", purgeBatchSize=" + purgeBatchSize + "]";
  }

  /** Builds a {@link SessionPolicy}; every setter validates at once. */
  public static final class Builder {
    private Duration absoluteLifetime = Duration.ofDays(30);
    private @Nullable Duration idleTimeout = Duration.ofDays(7);
    private boolean idleTimeoutSet;
    private Duration touchInterval = Duration.ofMinutes(1);
    private int maxSessionsPerSubject;
    private OverflowStrategy overflowStrategy = OverflowStrategy.EVICT_LEAST_RECENTLY_USED;
    private int maxPageSize = 100;
    private int bulkLimit = 100;
    private int purgeBatchSize = 1000;

    private Builder() {}

    /**
     * @param lifetime the absolute lifetime, positive, whole milliseconds count
     * @return this builder
     */
    public Builder absoluteLifetime(Duration lifetime) {
      absoluteLifetime = positive("absoluteLifetime", lifetime);
      return this;
    }

    /**
     * @param timeout the idle timeout, positive; it never extends a session past its absolute lifetime
     * @return this builder
     */
    public Builder idleTimeout(Duration timeout) {
      idleTimeout = positive("idleTimeout", timeout);
      idleTimeoutSet = true;
      return this;
    }

    /**
     * Turns the idle timeout off: sessions live their absolute lifetime whatever their use.
     *
     * @return this builder
     */
    public Builder noIdleTimeout() {
      idleTimeout = null;
      idleTimeoutSet = true;
      return this;
    }

    /**
     * @param interval the minimum time between two {@code lastAccessedAt} writes; zero writes on every
     *     validation
     * @return this builder
     */
    public Builder touchInterval(Duration interval) {
      Objects.requireNonNull(interval, "touchInterval");
      if (interval.isNegative()) {
        throw invalid("touchInterval must not be negative");
      }
      touchInterval = Duration.ofMillis(interval.toMillis());
      return this;
    }

    /**
     * Caps the number of live sessions per subject.
     *
     * @param max the cap, at least 1
     * @param strategy what a login past the cap does
     * @return this builder
     */
    public Builder maxSessionsPerSubject(int max, OverflowStrategy strategy) {
      if (max < 1) {
        throw invalid("maxSessionsPerSubject must be at least 1, was " + max);
      }
      maxSessionsPerSubject = max;
      overflowStrategy = Objects.requireNonNull(strategy, "strategy");
      return this;
    }

    /**
     * Removes the per-subject cap (the default).
     *
     * @return this builder
     */
    public Builder unlimitedSessionsPerSubject() {
      maxSessionsPerSubject = 0;
      return this;
    }

    /**
     * @param max the largest page size a caller may ask for, 1 to {@value SessionPolicy#MAX_LIMIT}
     * @return this builder
     */
    public Builder maxPageSize(int max) {
      maxPageSize = atMostLimit("maxPageSize", max);
      return this;
    }

    /**
     * @param limit the most ids in one bulk revoke, 1 to {@value SessionPolicy#MAX_LIMIT}
     * @return this builder
     */
    public Builder bulkLimit(int limit) {
      bulkLimit = atMostLimit("bulkLimit", limit);
      return this;
    }

    /**
     * @param size the most expired sessions deleted per purge batch, at least 1
     * @return this builder
     */
    public Builder purgeBatchSize(int size) {
      purgeBatchSize = atLeastOne("purgeBatchSize", size);
      return this;
    }

    /**
     * Builds the policy after checking the settings agree with each other.
     *
     * @return the policy
     * @throws IllegalArgumentException when they do not
     */
    public SessionPolicy build() {
      Duration idle = idleTimeout;
      if (idle == null || (!idleTimeoutSet && idle.compareTo(absoluteLifetime) > 0)) {
        idle = absoluteLifetime;
      }
      if (idle.compareTo(absoluteLifetime) > 0) {
        throw invalid("idleTimeout must not exceed absoluteLifetime");
      }
      if (touchInterval.compareTo(idle) >= 0) {
        throw invalid("touchInterval must be shorter than the idle timeout");
      }
      return new SessionPolicy(this, idle);
    }

    private static Duration positive(String name, Duration value) {
      Objects.requireNonNull(value, name);
      if (value.isNegative() || value.isZero()) {
        throw invalid(name + " must be positive, was " + value);
      }
      if (value.toMillis() == 0) {
        throw invalid(name + " must be at least one millisecond");
      }
      // Whole milliseconds, like every instant sessionkit stores: a sub-millisecond part would give
      // deadlines that cursors (and databases) round, and keyset pages would skip sessions.
      return Duration.ofMillis(value.toMillis());
    }

    private static int atLeastOne(String name, int value) {
      if (value < 1) {
        throw invalid(name + " must be at least 1, was " + value);
      }
      return value;
    }

    private static int atMostLimit(String name, int value) {
      atLeastOne(name, value);
      if (value > MAX_LIMIT) {
        throw invalid(name + " must be at most " + MAX_LIMIT + ", was " + value);
      }
      return value;
    }

    /** Configuration errors are the programmer's: {@link IllegalArgumentException}, as everywhere. */
    private static IllegalArgumentException invalid(String message) {
      return new IllegalArgumentException(message);
    }
  }
}
