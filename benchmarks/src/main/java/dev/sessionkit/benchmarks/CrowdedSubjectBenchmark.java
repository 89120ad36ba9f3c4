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
import org.openjdk.jmh.annotations.Warmup;

/**
 * Login and logout of a user who already has {@code subjectSessions} sessions (plus 10,000 of other
 * users): one issue, one validation, one sign-out, so the user's count stays put. The per-user index
 * must keep this flat as the count grows: compare the rows of one run (10 against 1,000 and 10,000).
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(value = 1, jvmArgsAppend = {"-Xms4g", "-Xmx4g"})
public class CrowdedSubjectBenchmark {
  static final String USER = "crowded-user";

  @Param({"CAFFEINE"})
  public Impl impl;

  @Param({"10", "1000", "10000"})
  public int subjectSessions;

  /** Other users' sessions in the same store (lowered by the smoke test). */
  int otherSessions = 10_000;

  Backend backend;

  @Setup
  public void setUp() {
    backend = impl.open(new BenchClock(), false);
    Fixtures.populate(backend, otherSessions);
    for (int i = 0; i < subjectSessions; i++) {
      backend.issue(USER);
    }
  }

  @TearDown
  public void tearDown() {
    backend.close();
  }

  @Benchmark
  public boolean loginLogout() {
    return backend.signOut(backend.issue(USER));
  }
}
