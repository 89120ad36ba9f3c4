package dev.sessionkit.benchmarks;

import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Threads;
import org.openjdk.jmh.annotations.Warmup;

/**
 * The hot path: validating a valid bearer token picked at random from the live set, on one thread and
 * on two. Validations stay read-only (the touch interval is an hour; {@link TouchBenchmark} measures
 * the writes). Databases hold at most {@link Impl#DATABASE_ROWS} rows whatever {@code sessions} says.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(value = 1, jvmArgsAppend = {"-Xms4g", "-Xmx4g"})
public class TokenLookupBenchmark {
  @Param({
    "FLOOR", "CAFFEINE", "SPRING_MAP", "JDBC_H2", "JDBC_POSTGRES", "SPRING_JDBC_H2",
    "BARE_SELECT_POSTGRES", "SPRING_JDBC_POSTGRES", "NEAR_CACHE_JDBC_POSTGRES", "BARE_HGETALL_REDIS", "REDIS",
    "NEAR_CACHE_REDIS", "SPRING_REDIS"
  })
  public Impl impl;

  @Param({"10000", "1000000"})
  public int sessions;

  Backend backend;
  String[] bearers;

  @Setup
  public void setUp() {
    backend = impl.open(new BenchClock(), false);
    bearers = Fixtures.populate(backend, impl.rows(sessions));
  }

  @TearDown
  public void tearDown() {
    backend.close();
  }

  @Benchmark
  public Object validate(Picker picker) {
    return backend.validate(bearers[picker.next(bearers.length)]);
  }

  @Benchmark
  @Threads(2)
  public Object validate2Threads(Picker picker) {
    return backend.validate(bearers[picker.next(bearers.length)]);
  }
}
