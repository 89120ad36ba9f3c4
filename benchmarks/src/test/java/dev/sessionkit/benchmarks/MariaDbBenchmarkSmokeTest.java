package dev.sessionkit.benchmarks;

import java.util.EnumSet;
import java.util.Set;

/** Every benchmark body once on the local MariaDB ({@code -Pdatabases}; fails without the server). */
class MariaDbBenchmarkSmokeTest extends AbstractBenchmarkSmokeTest {
  @Override
  Set<Impl> impls() {
    return EnumSet.of(Impl.JDBC_MARIADB);
  }
}
