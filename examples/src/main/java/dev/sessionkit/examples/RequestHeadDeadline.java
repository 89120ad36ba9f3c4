package dev.sessionkit.examples;

import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.TimeUnit;
import org.eclipse.jetty.http.HttpParser;
import org.eclipse.jetty.io.EndPoint;
import org.eclipse.jetty.server.ServerConnector;
import org.eclipse.jetty.server.internal.HttpConnection;
import org.eclipse.jetty.util.component.AbstractLifeCycle;
import org.eclipse.jetty.util.thread.Scheduler;

/**
 * Closes a connection whose request line and headers (its request head) have not all arrived within
 * the deadline of their first byte: the idle timeout alone starts over with every byte, so a client
 * sending a header byte now and then (Slowloris) would hold its connection for ever. The time between
 * requests on a kept-alive connection is the idle timeout's, not this; so is a body's (see {@link
 * ExampleServer#MIN_BODY_BYTES_PER_SECOND}).
 *
 * <p>Jetty has no such deadline. Every {@code deadline / 10} (at least 10 ms), this looks at each
 * connection's parser (its state is volatile): a connection seen partway through a head for the first
 * time is timed from then, one seen in the same head past the deadline is closed without an answer,
 * as the idle timeout closes one. So a head is cut off between the deadline and a tenth more after its
 * first byte. The parser is reached through Jetty's {@code internal} {@link HttpConnection}, the
 * only way to it; a Jetty upgrade that moves it fails the example's tests, not silently.
 */
final class RequestHeadDeadline extends AbstractLifeCycle {
  private final ServerConnector connector;
  private final long deadlineNanos;
  private final long periodMillis;
  /** Connections partway through a head: since when (nanoTime) and which head (requests begun before it). */
  private Map<EndPoint, long[]> inHead = new HashMap<>();
  private volatile Scheduler.Task next;

  RequestHeadDeadline(ServerConnector connector, Duration deadline) {
    this.connector = connector;
    this.deadlineNanos = deadline.toNanos();
    this.periodMillis = Math.max(10, deadline.toMillis() / 10);
  }

  @Override
  protected void doStart() throws Exception {
    super.doStart();
    schedule();
  }

  @Override
  protected void doStop() throws Exception {
    Scheduler.Task task = next;
    if (task != null) {
      task.cancel();
    }
    super.doStop();
  }

  private void schedule() {
    if (isRunning() || isStarting()) {
      try {
        next = connector.getScheduler().schedule(this::sweep, periodMillis, TimeUnit.MILLISECONDS);
      } catch (RejectedExecutionException stopping) {
        // the connector's scheduler stopped first: nothing is left to time
      }
    }
  }

  /** Runs on the scheduler's one thread, one sweep at a time. */
  private void sweep() {
    try {
      long now = System.nanoTime();
      Map<EndPoint, long[]> stillInHead = new HashMap<>();
      for (EndPoint endPoint : connector.getConnectedEndPoints()) {
        if (!(endPoint.getConnection() instanceof HttpConnection http)) {
          continue;
        }
        HttpParser parser = http.getParser();
        if (!parser.inHeaderState() || parser.isStart()) {
          continue; // between requests (the idle timeout's), or past the head
        }
        long head = http.getMessagesIn();
        long[] seen = inHead.get(endPoint);
        if (seen == null || seen[1] != head) {
          seen = new long[] {now, head};
        }
        if (now - seen[0] >= deadlineNanos) {
          endPoint.close();
        } else {
          stillInHead.put(endPoint, seen);
        }
      }
      inHead = stillInHead; // closed connections drop out
    } finally {
      schedule();
    }
  }
}
