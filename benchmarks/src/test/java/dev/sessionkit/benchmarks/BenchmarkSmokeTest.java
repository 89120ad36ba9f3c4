package dev.sessionkit.benchmarks;

import static org.assertj.core.api.Assertions.assertThat;

import dev.sessionkit.micrometer.SessionMetrics;
import java.util.EnumSet;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** Every benchmark body once, for every implementation that runs in-process (H2 included). */
class BenchmarkSmokeTest extends AbstractBenchmarkSmokeTest {
  @Override
  Set<Impl> impls() {
    return EnumSet.complementOf(
        EnumSet.of(Impl.JDBC_POSTGRES, Impl.JDBC_MARIADB, Impl.BARE_SELECT_POSTGRES, Impl.SPRING_JDBC_POSTGRES,
            Impl.NEAR_CACHE_JDBC_POSTGRES, Impl.REDIS, Impl.NEAR_CACHE_REDIS, Impl.BARE_HGETALL_REDIS,
            Impl.SPRING_REDIS));
  }

  @Test
  void logsInAndOutOfACrowdedSubject() {
    CrowdedSubjectBenchmark b = new CrowdedSubjectBenchmark();
    b.impl = Impl.CAFFEINE;
    b.subjectSessions = 50;
    b.otherSessions = 100;
    b.setUp();
    try {
      assertThat(b.loginLogout()).isTrue();
      assertThat(b.backend.revokeAll(CrowdedSubjectBenchmark.USER)).as("the count stayed put").isEqualTo(50);
    } finally {
      b.tearDown();
    }
  }

  @Test
  void measuresMemory() {
    MemoryFootprint.Report ours = MemoryFootprint.caffeine(1000);
    MemoryFootprint.Report spring = MemoryFootprint.springMap(1000);
    assertThat(ours.total()).isGreaterThan(ours.sessions()).isPositive();
    assertThat(spring.total()).isPositive();
  }

  @Test
  void validatesWithAndWithoutMetrics() {
    for (MetricsOverheadBenchmark.Metrics metrics : MetricsOverheadBenchmark.Metrics.values()) {
      MetricsOverheadBenchmark b = new MetricsOverheadBenchmark();
      b.metrics = metrics;
      b.sessions = 100;
      b.setUp();
      try {
        Picker picker = new Picker();
        picker.seed();
        assertThat(b.validate(picker)).as("%s", metrics).isNotNull();
        if (b.registry == null) {
          assertThat(metrics).isEqualTo(MetricsOverheadBenchmark.Metrics.NONE);
        } else {
          assertThat(b.registry.get(SessionMetrics.VALIDATIONS).tag("outcome", "valid").counter().count())
              .as("%s", metrics)
              .isEqualTo(1);
        }
      } finally {
        b.tearDown();
      }
    }
  }
}
