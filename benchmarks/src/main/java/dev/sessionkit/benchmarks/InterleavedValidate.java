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
 * dev.sessionkit.benchmarks.InterleavedValidate [sessions=10000] [rounds=300] [impl=CAFFEINE]
 * [baseline=FLOOR] [batch=10000]}; a store behind a network round trip wants smaller batches (e.g.
 * {@code 10000 100 REDIS BARE_HGETALL_REDIS 500}).
 */
public final class InterleavedValidate {
  private static volatile int sink;

  private InterleavedValidate() {}

  public static void main(String[] args) {
    int sessions = args.length > 0 ? Integer.parseInt(args[0]) : 10_000;
    int rounds = args.length > 1 ? Integer.parseInt(args[1]) : 300;
    Impl impl = args.length > 2 ? Impl.valueOf(args[2]) : Impl.CAFFEINE;
    Impl baseline = args.length > 3 ? Impl.valueOf(args[3]) : Impl.FLOOR;
    int batch = args.length > 4 ? Integer.parseInt(args[4]) : 10_000;
    try (Backend base = baseline.open(new BenchClock(), false);
        Backend ours = impl.open(new BenchClock(), false)) {
      String[] baseBearers = Fixtures.populate(base, sessions);
      String[] ourBearers = Fixtures.populate(ours, sessions);
      Picker picker = new Picker();
      picker.seed();
      for (int i = 0; i < rounds / 3; i++) { // warm-up
        baseBatch(base, baseBearers, picker, batch);
        ourBatch(ours, ourBearers, picker, batch);
      }
      double[] baseNs = new double[rounds];
      double[] ourNs = new double[rounds];
      for (int i = 0; i < rounds; i++) {
        long t0 = System.nanoTime();
        baseBatch(base, baseBearers, picker, batch);
        long t1 = System.nanoTime();
        ourBatch(ours, ourBearers, picker, batch);
        long t2 = System.nanoTime();
        baseNs[i] = (t1 - t0) / (double) batch;
        ourNs[i] = (t2 - t1) / (double) batch;
      }
      Arrays.sort(baseNs);
      Arrays.sort(ourNs);
      System.out.printf(
          Locale.ROOT,
          "sessions=%d rounds=%d batch=%d%n%s: fastest %.1f ns, median %.1f ns%n"
              + "%s: fastest %.1f ns, median %.1f ns%nratio %s/%s: fastest %.2f, median %.2f%n",
          sessions, rounds, batch, baseline, baseNs[0], baseNs[rounds / 2], impl, ourNs[0], ourNs[rounds / 2],
          impl, baseline, ourNs[0] / baseNs[0], ourNs[rounds / 2] / baseNs[rounds / 2]);
    }
  }

  private static void baseBatch(Backend backend, String[] bearers, Picker picker, int batch) {
    int valid = 0;
    for (int i = 0; i < batch; i++) {
      if (backend.validate(bearers[picker.next(bearers.length)]) != null) {
        valid++;
      }
    }
    check(valid, batch);
  }

  private static void ourBatch(Backend backend, String[] bearers, Picker picker, int batch) {
    int valid = 0;
    for (int i = 0; i < batch; i++) {
      if (backend.validate(bearers[picker.next(bearers.length)]) != null) {
        valid++;
      }
    }
    check(valid, batch);
  }

  private static void check(int valid, int batch) {
    if (valid != batch) {
      throw new IllegalStateException("a valid bearer did not validate");
    }
    sink = valid;
  }
}
