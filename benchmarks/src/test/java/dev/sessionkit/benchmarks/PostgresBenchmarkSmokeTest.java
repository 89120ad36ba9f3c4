package dev.sessionkit.benchmarks;

import java.util.EnumSet;
import java.util.Set;

/** Every benchmark body once on the local PostgreSQL ({@code -Pdatabases}; fails without the server). */
class PostgresBenchmarkSmokeTest extends AbstractBenchmarkSmokeTest {
  @Override
  Set<Impl> impls() {
    return EnumSet.of(Impl.JDBC_POSTGRES);
  }
}
