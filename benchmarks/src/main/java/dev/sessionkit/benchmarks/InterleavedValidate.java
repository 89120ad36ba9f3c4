package dev.sessionkit.benchmarks;

import java.util.Arrays;
import java.util.Locale;

/**
 * {@link TokenLookupBenchmark#validate} for two implementations in one JVM, in alternating batches,
 * for a ratio that other jobs on the machine cannot skew: a JMH fork per implementation measures
 * each under whatever load there was at its time; here both see the same load, and the fastest and
 * the median batch of each are compared. Each implementation has its own loop, so each gets its own
 * JIT profile.
 *
 * <p>Run: {@code java -Xmx4g -cp benchmarks/target/benchmarks.jar
 * dev.sessionkit.benchmarks.InterleavedValidate [sessions=10000] [rounds=300] [impl=CAFFEINE]}
 */
public final class InterleavedValidate {
  private static final int BATCH = 10_000;
  private static volatile int sink;

  private InterleavedValidate() {}

  public static void main(String[] args) {
    int sessions = args.length > 0 ? Integer.parseInt(args[0]) : 10_000;
    int rounds = args.length > 1 ? Integer.parseInt(args[1]) : 300;
    Impl impl = args.length > 2 ? Impl.valueOf(args[2]) : Impl.CAFFEINE;
    try (Backend floor = Impl.FLOOR.open(new BenchClock(), false);
        Backend ours = impl.open(new BenchClock(), false)) {
      String[] floorBearers = Fixtures.populate(floor, sessions);
      String[] ourBearers = Fixtures.populate(ours, sessions);
      Picker picker = new Picker();
      picker.seed();
      for (int i = 0; i < rounds / 3; i++) { // warm-up
        floorBatch(floor, floorBearers, picker);
        ourBatch(ours, ourBearers, picker);
      }
      double[] floorNs = new double[rounds];
      double[] ourNs = new double[rounds];
      for (int i = 0; i < rounds; i++) {
        long t0 = System.nanoTime();
        floorBatch(floor, floorBearers, picker);
        long t1 = System.nanoTime();
        ourBatch(ours, ourBearers, picker);
        long t2 = System.nanoTime();
        floorNs[i] = (t1 - t0) / (double) BATCH;
        ourNs[i] = (t2 - t1) / (double) BATCH;
      }
      Arrays.sort(floorNs);
      Arrays.sort(ourNs);
      System.out.printf(
          Locale.ROOT,
          "sessions=%d rounds=%d batch=%d%nFLOOR: fastest %.1f ns, median %.1f ns%n"
              + "%s: fastest %.1f ns, median %.1f ns%nratio %s/FLOOR: fastest %.2f, median %.2f%n",
          sessions, rounds, BATCH, floorNs[0], floorNs[rounds / 2], impl, ourNs[0], ourNs[rounds / 2],
          impl, ourNs[0] / floorNs[0], ourNs[rounds / 2] / floorNs[rounds / 2]);
    }
  }

  private static void floorBatch(Backend backend, String[] bearers, Picker picker) {
    int valid = 0;
    for (int i = 0; i < BATCH; i++) {
      if (backend.validate(bearers[picker.next(bearers.length)]) != null) {
        valid++;
      }
    }
    check(valid);
  }

  private static void ourBatch(Backend backend, String[] bearers, Picker picker) {
    int valid = 0;
    for (int i = 0; i < BATCH; i++) {
      if (backend.validate(bearers[picker.next(bearers.length)]) != null) {
        valid++;
      }
    }
    check(valid);
  }

  private static void check(int valid) {
    if (valid != BATCH) {
      throw new IllegalStateException("a valid bearer did not validate");
    }
    sink = valid;
  }
}
