package dev.sessionkit;

import java.time.Duration;
import java.util.Objects;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Calls {@link SessionService#purgeExpired()} at a fixed delay on a daemon thread of its own, until
 * closed. Any store works; every node may run one (stores purge safely in parallel). A failing run
 * (database down, a listener that throws) is logged and tried again at the next tick: only a {@link
 * VirtualMachineError} stops the scheduler, and that is logged too.
 *
 * <pre>{@code
 * try (PurgeScheduler purger = PurgeScheduler.start(service, Duration.ofMinutes(5))) {
 *   ... run the application ...
 * }
 * }</pre>
 */
public final class PurgeScheduler implements AutoCloseable {
  private static final Logger LOG = LoggerFactory.getLogger(PurgeScheduler.class);

  private final ScheduledExecutorService executor;
  private final ScheduledFuture<?> runs;

  private PurgeScheduler(ScheduledExecutorService executor, ScheduledFuture<?> runs) {
    this.executor = executor;
    this.runs = runs;
  }

  /**
   * Starts purging: the first run after one interval, then one interval after each run ends (a slow
   * purge never overlaps itself).
   *
   * @param service the service whose store to purge
   * @param interval the delay between runs, at least one millisecond
   * @return the running scheduler; close it to stop
   * @throws IllegalArgumentException if the interval is shorter
   */
  public static PurgeScheduler start(SessionService service, Duration interval) {
    Objects.requireNonNull(service, "service");
    Objects.requireNonNull(interval, "interval");
    if (interval.toMillis() < 1) {
      throw new IllegalArgumentException("purge interval must be at least 1 ms, was " + interval);
    }
    ScheduledExecutorService executor =
        Executors.newSingleThreadScheduledExecutor(
            task -> {
              Thread thread = new Thread(task, "sessionkit-purge");
              thread.setDaemon(true);
              return thread;
            });
    long millis = interval.toMillis();
    ScheduledFuture<?> runs =
        executor.scheduleWithFixedDelay(() -> runOnce(service), millis, millis, TimeUnit.MILLISECONDS);
    return new PurgeScheduler(executor, runs);
  }

  /**
   * One run. Anything escaping here would cancel every later run without a word (that is how a
   * {@link ScheduledExecutorService} treats a throwing task), so everything is caught but what the
   * JVM cannot recover from.
   */
  static void runOnce(SessionService service) {
    try {
      service.purgeExpired();
    } catch (VirtualMachineError fatal) {
      LOG.error("purging expired sessions stopped: {}", fatal.toString());
      throw fatal;
    } catch (Throwable e) {
      LOG.warn("purging expired sessions failed; trying again at the next interval", e);
    }
  }

  /** @return whether the scheduler still runs (false once closed, or after a fatal error) */
  public boolean isRunning() {
    return !runs.isDone();
  }

  /**
   * Stops purging and waits (up to ten seconds) for a run in progress to finish. Closing twice is
   * harmless. An interrupt while waiting is restored on the calling thread.
   */
  @Override
  public void close() {
    runs.cancel(false);
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
