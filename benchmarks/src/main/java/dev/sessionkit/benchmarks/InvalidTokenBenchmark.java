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
 * Rejecting bad bearers against a store of 10,000 sessions: malformed junk (must never reach the
 * store), a well-formed token with an unknown id, and a live id with a wrong secret. Spring's bearer
 * is its id, so for it "wrong secret" is one more unknown id.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(value = 1, jvmArgsAppend = {"-Xms4g", "-Xmx4g"})
public class InvalidTokenBenchmark {
  /** Which kind of bad bearer. */
  public enum Kind {
    MALFORMED,
    UNKNOWN_ID,
    WRONG_SECRET
  }

  private static final int BAD_BEARERS = 1024;

  @Param({"FLOOR", "CAFFEINE", "SPRING_MAP", "JDBC_H2", "JDBC_POSTGRES", "SPRING_JDBC_H2"})
  public Impl impl;

  @Param({"MALFORMED", "UNKNOWN_ID", "WRONG_SECRET"})
  public Kind kind;

  @Param({"10000"})
  public int sessions;

  Backend backend;
  String[] bearers;

  @Setup
  public void setUp() {
    backend = impl.open(new BenchClock(), false);
    String[] valid = Fixtures.populate(backend, impl.rows(sessions));
    // Malformed junk is shaped after our tokens for every implementation: it is the same request.
    String[] junk = Tokens.malformed(valid.length > 0 && valid[0].length() == 66 ? valid[0] : "A".repeat(66));
    bearers = new String[BAD_BEARERS];
    for (int i = 0; i < BAD_BEARERS; i++) {
      switch (kind) {
        case MALFORMED:
          bearers[i] = junk[i % junk.length];
          break;
        case UNKNOWN_ID:
          bearers[i] = backend.unknownBearer();
          break;
        case WRONG_SECRET:
          bearers[i] = backend.wrongSecret(valid[i % valid.length]);
          break;
        default:
          throw new IllegalArgumentException(kind.name());
      }
    }
  }

  @TearDown
  public void tearDown() {
    backend.close();
  }

  @Benchmark
  public Object reject(Picker picker) {
    return backend.validate(bearers[picker.next(bearers.length)]);
  }
}
