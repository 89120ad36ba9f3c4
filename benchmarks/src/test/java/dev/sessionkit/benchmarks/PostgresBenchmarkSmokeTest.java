package dev.sessionkit.benchmarks;

import java.util.EnumSet;
import java.util.Set;

/** Every benchmark body once per PostgreSQL implementation ({@code -Pdatabases}; fails without the server). */
class PostgresBenchmarkSmokeTest extends AbstractBenchmarkSmokeTest {
  @Override
  Set<Impl> impls() {
    return EnumSet.of(
        Impl.JDBC_POSTGRES, Impl.BARE_SELECT_POSTGRES, Impl.SPRING_JDBC_POSTGRES, Impl.NEAR_CACHE_JDBC_POSTGRES);
  }
}
