package dev.sessionkit.caffeine;

import dev.sessionkit.spi.InvalidationListener;
import dev.sessionkit.spi.InvalidationSource;
import java.time.Clock;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Keeps a near-cache in step with its {@link InvalidationSource}: one daemon thread polls the source
 * every quarter of the staleness bound and whenever the source signals a change, and publishes until
 * when copies may be served: the start of the last completed poll plus the bound. Every change
 * committed before that start was delivered by that poll, so a copy served before the deadline is at
 * most one bound behind the backend, whatever was lost on the way; while polls fail, the deadline
 * passes and the near-cache reads through.
 */
final class InvalidationSync implements AutoCloseable {
  private static final Logger LOG = LoggerFactory.getLogger(NearCacheSessionStore.class);

  private final InvalidationSource source;
  private final InvalidationListener listener;
  private final Clock clock;
  private final long boundMillis;
  private final long intervalNanos;
  private final Object pollLock = new Object();
  private final Thread thread;
  /** Copies may be served while the clock reads less than this (epoch millis). */
  private volatile long servableUntil = Long.MIN_VALUE;
  private volatile boolean closed;
  /** Whether the last poll failed, so an outage is logged once and its end once. */
  private boolean failing;

  InvalidationSync(InvalidationSource source, InvalidationListener listener, Clock clock, Duration bound) {
    this.source = source;
    this.listener = listener;
    this.clock = clock;
    this.boundMillis = bound.toMillis();
    this.intervalNanos = Math.max(1, bound.toNanos() / 4);
    this.thread = new Thread(this::run, "sessionkit-near-cache-sync");
    this.thread.setDaemon(true);
  }

  void start() {
    source.onSignal(this::wake);
    thread.start();
  }

  /**
   * @param nowMillis the clock's reading
   * @return whether a copy may be served at that instant
   */
  boolean servable(long nowMillis) {
    return nowMillis < servableUntil;
  }

  /**
   * Polls on the calling thread (waiting for a poll under way to end first).
   *
   * @return whether the poll completed (false once closed)
   */
  boolean pollNow() {
    synchronized (pollLock) {
      if (closed) {
        return false;
      }
      long started = clock.millis();
      try {
        source.poll(listener);
      } catch (RuntimeException e) {
        if (!failing) {
          failing = true;
          LOG.warn(
              "near-cache cannot read its invalidation source; it reads through to the store until"
                  + " a poll succeeds",
              e);
        }
        return false;
      }
      if (failing) {
        failing = false;
        LOG.info("near-cache reads its invalidation source again");
      }
      if (started + boundMillis > servableUntil) {
        servableUntil = started + boundMillis;
      }
      return true;
    }
  }

  private void run() {
    while (!closed) {
      pollNow();
      if (!closed) {
        LockSupport.parkNanos(this, intervalNanos);
      }
    }
  }

  private void wake() {
    LockSupport.unpark(thread);
  }

  /** Stops the thread (waiting for a poll under way) and closes the source. Idempotent. */
  @Override
  public void close() {
    closed = true;
    servableUntil = Long.MIN_VALUE;
    wake();
    if (thread.isAlive() && thread != Thread.currentThread()) {
      try {
        thread.join(TimeUnit.SECONDS.toMillis(10));
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
    }
    source.close();
  }
}
