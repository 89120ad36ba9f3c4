package dev.sessionkit.caffeine;

import dev.sessionkit.spi.SessionStore;
import java.time.Clock;
import java.time.Duration;
import java.util.Objects;
import java.util.concurrent.Executor;
import java.util.concurrent.ForkJoinPool;

/**
 * The in-memory {@link SessionStore} on Caffeine: the embedded default, and the fastest store (a
 * validation is one hash-map read). Sessions live in one bounded cache whose per-entry expiry follows
 * each session's own deadline, beside a per-subject index kept in step with it, also through
 * evictions and expiry.
 *
 * <pre>{@code
 * SessionStore store = CaffeineSessionStore.builder().maximumSize(500_000).build();
 * SessionService sessions = SessionService.builder(store).build();
 * }</pre>
 *
 * Validations read the cache quietly (no per-read bookkeeping), so the size policy learns about use
 * from touches, which write at most once per touch interval. Size the maximum above your peak number
 * of live sessions: past it the cache evicts (favouring sessions touched often), and users of evicted
 * sessions must sign in again. Everything is lost when
 * the process stops; use the JDBC store where sessions must outlive it or be shared by several nodes.
 */
public final class CaffeineSessionStore {
  private CaffeineSessionStore() {}

  /**
   * Starts a builder.
   *
   * @return a builder with a maximum of 100,000 sessions, the system UTC clock and one minute of
   *     expired-entry retention
   */
  public static Builder builder() {
    return new Builder();
  }

  /** Configures the store; setters validate at once. */
  public static final class Builder {
    private long maximumSize = 100_000;
    private Clock clock = Clock.systemUTC();
    private Duration expiredRetention = Duration.ofMinutes(1);
    private Executor executor = ForkJoinPool.commonPool();

    private Builder() {}

    /**
     * @param max the most sessions held, at least 1
     * @return this builder
     */
    public Builder maximumSize(long max) {
      if (max < 1) {
        throw new IllegalArgumentException("maximumSize must be at least 1, was " + max);
      }
      maximumSize = max;
      return this;
    }

    /**
     * The clock that drives entry expiry; give it the same clock as the {@code SessionService}.
     *
     * @param timeSource the clock
     * @return this builder
     */
    public Builder clock(Clock timeSource) {
      clock = Objects.requireNonNull(timeSource, "clock");
      return this;
    }

    /**
     * How long an expired session stays in memory after its deadline, so that its token is reported
     * as expired (not unknown) to listeners for a while. Zero frees it at the deadline.
     *
     * @param retention the retention, not negative
     * @return this builder
     */
    public Builder expiredRetention(Duration retention) {
      Objects.requireNonNull(retention, "expiredRetention");
      if (retention.isNegative()) {
        throw new IllegalArgumentException("expiredRetention must not be negative");
      }
      expiredRetention = retention;
      return this;
    }

    /**
     * Runs Caffeine's maintenance (eviction, expiry clean-up); by default the common pool. Tests may
     * pass {@code Runnable::run} for determinism.
     *
     * @param maintenanceExecutor the executor
     * @return this builder
     */
    public Builder executor(Executor maintenanceExecutor) {
      executor = Objects.requireNonNull(maintenanceExecutor, "executor");
      return this;
    }

    /**
     * Builds the store. It owns only its memory: {@link SessionStore#close()} drops every session;
     * the executor stays the caller's.
     *
     * @return the store
     */
    public SessionStore build() {
      return new CaffeineStore(maximumSize, clock, expiredRetention, executor);
    }
  }
}
