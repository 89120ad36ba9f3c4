package dev.sessionkit.jdbc;

import dev.sessionkit.SessionService;
import java.time.Duration;
import java.util.Objects;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Calls {@link SessionService#purgeExpired()} at a fixed delay on a daemon thread of its own, until
 * closed. Every node may run one: the JDBC store's purges are safe to run concurrently. A failing
 * purge (database down) is logged and tried again at the next tick.
 *
 * <pre>{@code
 * try (JdbcPurgeScheduler purger = JdbcPurgeScheduler.start(service, Duration.ofMinutes(5))) {
 *   ... run the application ...
 * }
 * }</pre>
 */
public final class JdbcPurgeScheduler implements AutoCloseable {
  private static final Logger LOG = LoggerFactory.getLogger(JdbcPurgeScheduler.class);

  private final ScheduledExecutorService executor;

  private JdbcPurgeScheduler(ScheduledExecutorService executor) {
    this.executor = executor;
  }

  /**
   * Starts purging: the first run after one interval, then one interval after each run ends (a slow
   * purge never overlaps itself).
   *
   * @param service the service whose store to purge
   * @param interval the delay between runs, positive
   * @return the running scheduler; close it to stop
   * @throws IllegalArgumentException if the interval is not positive
   */
  public static JdbcPurgeScheduler start(SessionService service, Duration interval) {
    Objects.requireNonNull(service, "service");
    Objects.requireNonNull(interval, "interval");
    if (interval.isNegative() || interval.isZero()) {
      throw new IllegalArgumentException("interval must be positive");
    }
    ScheduledExecutorService executor =
        Executors.newSingleThreadScheduledExecutor(
            task -> {
              Thread thread = new Thread(task, "sessionkit-purge");
              thread.setDaemon(true);
              return thread;
            });
    long millis = Math.max(1, interval.toMillis());
    executor.scheduleWithFixedDelay(() -> purge(service), millis, millis, TimeUnit.MILLISECONDS);
    return new JdbcPurgeScheduler(executor);
  }

  /** One run; an exception escaping here would silently cancel all later runs, so none does. */
  private static void purge(SessionService service) {
    try {
      service.purgeExpired();
    } catch (RuntimeException e) {
      LOG.warn("purging expired sessions failed; trying again at the next interval", e);
    }
  }

  /**
   * Stops purging and waits (up to ten seconds) for a run in progress to finish. An interrupt while
   * waiting is restored on the calling thread.
   */
  @Override
  public void close() {
    executor.shutdownNow();
    try {
      if (!executor.awaitTermination(10, TimeUnit.SECONDS)) {
        LOG.warn("a purge run did not stop within 10 seconds");
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }
}
