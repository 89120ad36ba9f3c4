package dev.sessionkit.benchmarks;

import java.util.Arrays;
import java.util.Locale;

/**
 * {@link ExpiredListBenchmark}'s three states in one JVM, in alternating batches, for the two
 * list ratios under one and the same load: ours with 900 expired against ours with only the 100 live
 * ("no slower"), and against Spring's {@code findByPrincipalName} with 900 expired ("at least 100x
 * faster"). Prints the fastest and the median batch of each, per call.
 *
 * <p>Run: {@code java -cp benchmarks/target/benchmarks.jar
 * dev.sessionkit.benchmarks.InterleavedExpiredList [rounds=60] [ourBatch=200] [springBatch=2]}
 */
public final class InterleavedExpiredList {
  private static volatile Object sink;

  private InterleavedExpiredList() {}

  public static void main(String[] args) {
    int rounds = args.length > 0 ? Integer.parseInt(args[0]) : 60;
    int ourBatch = args.length > 1 ? Integer.parseInt(args[1]) : 200;
    int springBatch = args.length > 2 ? Integer.parseInt(args[2]) : 2;
    ExpiredListBenchmark oursExpired = state(Impl.REDIS, 900);
    ExpiredListBenchmark oursLive = state(Impl.REDIS, 0);
    ExpiredListBenchmark springExpired = state(Impl.SPRING_REDIS, 900);
    try {
      double[][] perCall = new double[3][rounds];
      for (int i = -rounds / 5; i < rounds; i++) { // the first fifth warms up, unrecorded
        double a = oursExpiredBatch(oursExpired, ourBatch);
        double b = oursLiveBatch(oursLive, ourBatch);
        double c = springBatch(springExpired, springBatch);
        if (i >= 0) {
          perCall[0][i] = a;
          perCall[1][i] = b;
          perCall[2][i] = c;
        }
      }
      for (double[] ns : perCall) {
        Arrays.sort(ns);
      }
      String[] names = {"REDIS, 900 expired + 100 live", "REDIS, 100 live", "SPRING_REDIS, 900 expired + 100 live"};
      System.out.printf(Locale.ROOT, "rounds=%d batches %d / %d / %d%n", rounds, ourBatch, ourBatch, springBatch);
      for (int k = 0; k < 3; k++) {
        System.out.printf(Locale.ROOT, "%s: fastest %.1f us, median %.1f us%n",
            names[k], perCall[k][0] / 1000, perCall[k][rounds / 2] / 1000);
      }
      System.out.printf(Locale.ROOT,
          "ours 900 expired / ours 100 live: fastest %.2f, median %.2f%n"
              + "Spring / ours (both 900 expired): fastest %.1f, median %.1f%n",
          perCall[0][0] / perCall[1][0], perCall[0][rounds / 2] / perCall[1][rounds / 2],
          perCall[2][0] / perCall[0][0], perCall[2][rounds / 2] / perCall[0][rounds / 2]);
    } finally {
      oursExpired.tearDown();
      oursLive.tearDown();
      springExpired.tearDown();
    }
  }

  private static ExpiredListBenchmark state(Impl impl, int expired) {
    ExpiredListBenchmark b = new ExpiredListBenchmark();
    b.impl = impl;
    b.expiredSessions = expired;
    b.setUp();
    return b;
  }

  // One loop per state, each with its own JIT profile; each returns ns per call.
  private static double oursExpiredBatch(ExpiredListBenchmark b, int calls) {
    long t0 = System.nanoTime();
    for (int i = 0; i < calls; i++) {
      sink = b.listFirstPage();
    }
    return (System.nanoTime() - t0) / (double) calls;
  }

  private static double oursLiveBatch(ExpiredListBenchmark b, int calls) {
    long t0 = System.nanoTime();
    for (int i = 0; i < calls; i++) {
      sink = b.listFirstPage();
    }
    return (System.nanoTime() - t0) / (double) calls;
  }

  private static double springBatch(ExpiredListBenchmark b, int calls) {
    long t0 = System.nanoTime();
    for (int i = 0; i < calls; i++) {
      sink = b.listFirstPage();
    }
    return (System.nanoTime() - t0) / (double) calls;
  }
}
