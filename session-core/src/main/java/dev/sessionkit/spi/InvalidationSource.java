package dev.sessionkit.spi;

import dev.sessionkit.ErrorCode;
import dev.sessionkit.SessionException;

/**
 * What tells a node that sessions changed on other nodes sharing its backend: the feed a near-cache
 * reads to drop copies that are no longer true. A source is ordered and durable (a log table, a
 * stream): a node that polls late learns everything it missed, or is told that it cannot.
 *
 * <p>The near-cache calls {@link #poll} at least once per staleness bound and whenever the source
 * signals a change; a copy is served only while the last completed poll started within the bound. So
 * a lost signal, a dropped connection or a stalled backend can delay an invalidation up to the bound,
 * never beyond it: while polls fail, the near-cache stops answering from memory.
 *
 * <p>Implementations need not be thread-safe for {@link #poll}: one node polls from one thread at a
 * time.
 */
public interface InvalidationSource extends AutoCloseable {

  /**
   * Delivers every change committed since the previous poll (since the source was created, for the
   * first one), then returns. When it returns normally, every change committed before the call began
   * has been delivered, either one by one or through {@link InvalidationListener#invalidateAll()}.
   *
   * @param listener where to deliver
   * @throws SessionException {@link ErrorCode#STORE_UNAVAILABLE} when the backend cannot be read; the
   *     next poll resumes from the same position
   */
  void poll(InvalidationListener listener);

  /**
   * Asks to be woken as soon as the backend signals a change (PostgreSQL's {@code NOTIFY}, a Redis
   * message): the source runs {@code wakeUp} from its own thread, which should only schedule a poll.
   * Sources that can only be polled ignore this (the default); signals only make invalidations faster
   * than the staleness bound, they are never needed to keep it.
   *
   * @param wakeUp what to run on each signal; cheap and non-blocking
   */
  default void onSignal(Runnable wakeUp) {}

  /** Releases what the source holds (a listening connection, a thread). Idempotent. */
  @Override
  default void close() {}
}
