package dev.sessionkit.testkit;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

/** Runs a task on several threads released at the same moment, and waits for all of them. */
public final class Together {
  /** One thread's share of the work. */
  @FunctionalInterface
  public interface Task {
    /**
     * @param thread this thread's number, from 0
     * @throws Exception to fail the run
     */
    void run(int thread) throws Exception;
  }

  private Together() {}

  /**
   * Starts {@code threads} copies of {@code task} behind one latch and waits (bounded) for them; the
   * first failure, an assertion included, is rethrown as it was.
   *
   * @param threads how many threads
   * @param task the work of each
   * @throws Exception the first failure of a thread
   */
  public static void run(int threads, Task task) throws Exception {
    ExecutorService pool = Executors.newFixedThreadPool(threads);
    try {
      CountDownLatch start = new CountDownLatch(1);
      List<Future<?>> futures = new ArrayList<>();
      for (int t = 0; t < threads; t++) {
        int thread = t;
        futures.add(pool.submit(() -> {
          start.await();
          task.run(thread);
          return null;
        }));
      }
      start.countDown();
      for (Future<?> f : futures) {
        try {
          f.get(3, TimeUnit.MINUTES);
        } catch (ExecutionException e) {
          if (e.getCause() instanceof Error error) {
            throw error;
          }
          throw e.getCause() instanceof Exception cause ? cause : e;
        }
      }
    } finally {
      pool.shutdownNow();
    }
  }
}
