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
 * The "active sessions" screen of a user with 10,000 sessions (among 10,000 sessions of 2,500 other
 * users): the first page of 20, a deep page at position 9,000 by offset, and the same page by keyset
 * cursor. Spring Session has no pages: its {@code findByPrincipalName} loads all of the user's sessions
 * whatever page is asked, so its three rows measure the same call.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(value = 1, jvmArgsAppend = {"-Xms4g", "-Xmx4g"})
public class ListBenchmark {
  static final String USER = "heavy-user";
  static final int PAGE_SIZE = 20;

  @Param({"CAFFEINE", "JDBC_H2", "JDBC_POSTGRES", "JDBC_MARIADB", "SPRING_JDBC_H2"})
  public Impl impl;

  @Param({"FIRST", "DEEP_OFFSET", "DEEP_KEYSET"})
  public PageKind page;

  @Param({"10000"})
  public int userSessions;

  /** Other users' sessions in the same store (lowered by the smoke test). */
  int otherSessions = 10_000;

  Backend backend;
  Object request;

  @Setup(Level.Trial)
  public void setUp() {
    backend = impl.open(new BenchClock(), false);
    Fixtures.populate(backend, otherSessions);
    for (int i = 0; i < userSessions; i++) {
      backend.issue(USER);
    }
    // A table in service has planner statistics; freshly bulk-loaded, it has none until analyzed
    // (PostgreSQL then planned the first page as a sort of all 10,000 rows of the user).
    backend.analyze();
    request = backend.preparePage(USER, page, userSessions * 9 / 10, PAGE_SIZE);
  }

  @TearDown(Level.Trial)
  public void tearDown() {
    backend.close();
  }

  @Benchmark
  public Object list() {
    return backend.list(USER, request);
  }
}
