package dev.sessionkit.benchmarks;

import dev.sessionkit.caffeine.CaffeineSessionStore;
import dev.sessionkit.micrometer.SessionMetrics;
import dev.sessionkit.spi.SessionStore;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import java.util.concurrent.TimeUnit;
import org.jspecify.annotations.Nullable;
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
 * What session-micrometer costs on the hot path: {@link TokenLookupBenchmark#validate}'s body on the
 * Caffeine store, without metrics and with {@link SessionMetrics#instrument} (the listener's counter
 * and the store's {@code findById} timer) on either registry, in one run so the ratio compares like
 * with like.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(value = 1, jvmArgsAppend = {"-Xms4g", "-Xmx4g"})
public class MetricsOverheadBenchmark {
  /** Which registry, if any, the meters go to. */
  public enum Metrics {
    /** Not installed: the baseline. */
    NONE,
    /** Micrometer's in-memory registry. */
    SIMPLE,
    /** The registry the example server scrapes. */
    PROMETHEUS;

    @Nullable MeterRegistry registry() {
      switch (this) {
        case SIMPLE:
          return new SimpleMeterRegistry();
        case PROMETHEUS:
          return new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
        default:
          return null;
      }
    }
  }

  @Param({"NONE", "SIMPLE", "PROMETHEUS"})
  public Metrics metrics;

  @Param({"10000"})
  public int sessions;

  Backend backend;
  @Nullable MeterRegistry registry;
  String[] bearers;

  @Setup
  public void setUp() {
    BenchClock clock = new BenchClock();
    SessionStore store =
        CaffeineSessionStore.builder().maximumSize(Impl.MAX_SESSIONS).clock(clock).build();
    registry = metrics.registry();
    if (registry == null) {
      backend = new SessionkitBackend(store, clock, false, store::close);
    } else {
      SessionMetrics.Instrumented installed = SessionMetrics.instrument(store, registry);
      backend = new SessionkitBackend(
          installed.store(), clock, false, installed.store()::close, installed.listener());
    }
    bearers = Fixtures.populate(backend, sessions);
  }

  @TearDown
  public void tearDown() {
    backend.close();
    if (registry != null) {
      registry.close();
    }
  }

  @Benchmark
  public Object validate(Picker picker) {
    return backend.validate(bearers[picker.next(bearers.length)]);
  }
}
