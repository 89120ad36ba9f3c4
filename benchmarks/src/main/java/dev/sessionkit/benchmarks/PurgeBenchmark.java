package dev.sessionkit.benchmarks;

import java.time.Duration;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;

/**
 * Deleting 100,000 expired sessions from a store that also holds 10,000 live ones: one call per
 * iteration, each iteration on a freshly filled store (few iterations: filling takes far longer than
 * the purge). Our sessions are issued with the clock moved
 * 31 days back (past the 30-day lifetime) and the clock is then returned to now; Spring's rows are
 * written with a past expiry, since Spring reads the system clock.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.SingleShotTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Warmup(iterations = 1, batchSize = 1)
@Measurement(iterations = 3, batchSize = 1)
@Fork(value = 1, jvmArgsAppend = {"-Xms4g", "-Xmx4g"})
public class PurgeBenchmark {
  static final long PAST_MILLIS = -Duration.ofDays(31).toMillis();

  @Param({"CAFFEINE", "JDBC_H2", "JDBC_POSTGRES", "SPRING_JDBC_H2"})
  public Impl impl;

  @Param({"100000"})
  public int expired;

  /** Other users' sessions in the same store (lowered by the smoke test). */
  int otherSessions = 10_000;

  Backend backend;

  @Setup(Level.Iteration)
  public void setUp() {
    BenchClock clock = new BenchClock();
    clock.setOffsetMillis(PAST_MILLIS);
    backend = impl.open(clock, false);
    for (int i = 0; i < expired; i += 4) {
      backend.addExpired("gone-" + (i / 4), Math.min(4, expired - i));
    }
    clock.setOffsetMillis(0);
    Fixtures.populate(backend, otherSessions);
  }

  @TearDown(Level.Iteration)
  public void tearDown() {
    backend.close();
  }

  @Benchmark
  public int purge() {
    return backend.purgeExpired();
  }
}
