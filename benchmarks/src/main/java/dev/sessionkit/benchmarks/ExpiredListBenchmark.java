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
 * The first page (20) of a user's sessions on Redis when most of them have expired: 100 live
 * sessions, and either no expired ones or 900 more that expired (1,000 in all), among 1,000 sessions
 * of 250 other users. Keyspace notifications stay off (Redis's default).
 *
 * <p>How the 900 expire: ours are issued with the clock 31 days back (past the 30-day lifetime), as
 * in {@link PurgeBenchmark}, so they stay in the subject's index as members whose deadline has
 * passed. Spring's are saved by Spring and their keys are then expired by Redis ({@link
 * SpringRedisBackend#addExpired}): the state Spring reaches 5 minutes after their inactivity
 * timeout, with their ids still in the principal-name index, which nothing cleans while notifications
 * are off. Spring has no pages: {@code findByPrincipalName} loads every session the index names.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(value = 1, jvmArgsAppend = {"-Xms4g", "-Xmx4g"})
public class ExpiredListBenchmark {
  static final String USER = "long-time-user";
  static final int LIVE = 100;

  @Param({"REDIS", "SPRING_REDIS"})
  public Impl impl;

  /** The user's expired sessions besides the 100 live ones (not named "expired": -p expired= is the purge's). */
  @Param({"0", "900"})
  public int expiredSessions;

  /** Other users' sessions in the same store (lowered by the smoke test). */
  int otherSessions = 1_000;

  Backend backend;
  Object request;

  @Setup(Level.Trial)
  public void setUp() {
    BenchClock clock = new BenchClock();
    backend = impl.open(clock, false);
    try {
      Fixtures.populate(backend, otherSessions);
      clock.setOffsetMillis(PurgeBenchmark.PAST_MILLIS);
      if (expiredSessions > 0) {
        backend.addExpired(USER, expiredSessions);
      }
      clock.setOffsetMillis(0);
      for (int i = 0; i < LIVE; i++) {
        backend.issue(USER);
      }
      request = backend.preparePage(USER, PageKind.FIRST, 0, ListBenchmark.PAGE_SIZE);
    } catch (RuntimeException e) {
      backend.close(); // JMH skips the teardown of a failed setup: the shared Redis keeps no keys of it
      throw e;
    }
  }

  @TearDown(Level.Trial)
  public void tearDown() {
    backend.close();
  }

  @Benchmark
  public Object listFirstPage() {
    return backend.list(USER, request);
  }
}
