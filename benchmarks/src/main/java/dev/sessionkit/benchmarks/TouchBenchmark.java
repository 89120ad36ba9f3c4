package dev.sessionkit.benchmarks;

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
 * A validation that must write the last access time (our touch interval set to zero), on a store of
 * 10,000 sessions. Spring's counterpart is what its session filter does on every request: {@code
 * findById}, {@code setLastAccessedTime}, {@code save}.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(value = 1, jvmArgsAppend = {"-Xms4g", "-Xmx4g"})
public class TouchBenchmark {
  @Param({"CAFFEINE", "SPRING_MAP", "JDBC_H2", "JDBC_POSTGRES", "SPRING_JDBC_H2"})
  public Impl impl;

  @Param({"10000"})
  public int sessions;

  Backend backend;
  String[] bearers;

  @Setup(Level.Trial)
  public void setUp() {
    backend = impl.open(new BenchClock(), true);
    bearers = Fixtures.populate(backend, impl.rows(sessions));
  }

  @TearDown(Level.Trial)
  public void tearDown() {
    backend.close();
  }

  @Benchmark
  public Object touch(Picker picker) {
    return backend.touch(bearers[picker.next(bearers.length)]);
  }
}
