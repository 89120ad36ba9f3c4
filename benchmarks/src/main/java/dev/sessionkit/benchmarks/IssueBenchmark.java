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
 * Login: issuing a session for one of 1,000 users. Each iteration starts from an empty store, so the
 * store's size stays bounded by what one iteration issues.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(value = 1, jvmArgsAppend = {"-Xms4g", "-Xmx4g"})
public class IssueBenchmark {
  private static final int USERS = 1000;

  @Param({"CAFFEINE", "SPRING_MAP", "JDBC_H2", "JDBC_POSTGRES", "SPRING_JDBC_H2"})
  public Impl impl;

  Backend backend;
  final String[] subjects = new String[USERS];

  @Setup(Level.Iteration)
  public void setUp() {
    for (int i = 0; i < USERS; i++) {
      subjects[i] = "user-" + i;
    }
    backend = impl.open(new BenchClock(), false);
  }

  @TearDown(Level.Iteration)
  public void tearDown() {
    backend.close();
  }

  @Benchmark
  public String issue(Picker picker) {
    return backend.issue(subjects[picker.next(USERS)]);
  }
}
