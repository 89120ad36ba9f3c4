package dev.sessionkit.jdbc;

import dev.sessionkit.testkit.TestFigures;
import org.junit.jupiter.api.Test;

/** Three near-cached nodes on MariaDB ({@code -Pdatabases}): no notifications, the poll alone. */
class MariaDbPropagationTest extends AbstractPropagationTest {
  private static final TestFigures FIGURES = TestFigures.of(MariaDbPropagationTest.class);

  @Override
  TestDatabases database() {
    return TestDatabases.MARIADB;
  }

  @Override
  TestFigures figures() {
    return FIGURES;
  }

  @Test
  void otherNodesRefuseRevokedTokensWithinTheBoundByPollingAlone() {
    measure("MariaDB, polling the change log", false, () -> {});
  }
}
