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
 * "Sign out everywhere" for a user with 100 sessions, among 10,000 sessions of other users. The 100
 * sessions are logged in again before every call, outside the measured time. Spring's equivalent is
 * {@code findByPrincipalName} followed by {@code deleteById} for each.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(value = 1, jvmArgsAppend = {"-Xms4g", "-Xmx4g"})
public class RevokeAllBenchmark {
  static final String USER = "leaving-user";

  @Param({"CAFFEINE", "JDBC_H2", "JDBC_POSTGRES", "SPRING_JDBC_H2"})
  public Impl impl;

  @Param({"100"})
  public int userSessions;

  /** Other users' sessions in the same store (lowered by the smoke test). */
  int otherSessions = 10_000;

  Backend backend;

  @Setup(Level.Trial)
  public void setUp() {
    backend = impl.open(new BenchClock(), false);
    Fixtures.populate(backend, otherSessions);
  }

  /** Per invocation, which JMH allows here because one call costs far more than the harness. */
  @Setup(Level.Invocation)
  public void logIn() {
    for (int i = 0; i < userSessions; i++) {
      backend.issue(USER);
    }
  }

  @TearDown(Level.Trial)
  public void tearDown() {
    backend.close();
  }

  @Benchmark
  public int revokeAll() {
    return backend.revokeAll(USER);
  }
}
