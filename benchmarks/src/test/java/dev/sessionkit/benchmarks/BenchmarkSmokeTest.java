package dev.sessionkit.benchmarks;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.EnumSet;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** Every benchmark body once, for every implementation that runs in-process (H2 included). */
class BenchmarkSmokeTest extends AbstractBenchmarkSmokeTest {
  @Override
  Set<Impl> impls() {
    return EnumSet.complementOf(EnumSet.of(Impl.JDBC_POSTGRES, Impl.JDBC_MARIADB));
  }

  @Test
  void measuresMemory() {
    MemoryFootprint.Report ours = MemoryFootprint.caffeine(1000);
    MemoryFootprint.Report spring = MemoryFootprint.springMap(1000);
    assertThat(ours.total()).isGreaterThan(ours.sessions()).isPositive();
    assertThat(spring.total()).isPositive();
  }
}
